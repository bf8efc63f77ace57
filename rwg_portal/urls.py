from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.http import require_GET
from django.views.generic import RedirectView

from rwg_portal import views
from rwg_portal.sitemaps import SITEMAPS

# The admin signs in through allauth: same rate limits, same two-factor check.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "RWG Portal administration"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("health/", views.health, name="health"),
    path("security/events/", views.security_events, name="security_events"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    # The sign-in address is the one the secretariat invited; it is not changed by its owner
    # (no unverified addresses), so allauth's e-mail page leads to the account page instead.
    path("accounts/email/", RedirectView.as_view(pattern_name="members:my_account"), name="account_email"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("members/", include("members.urls")),
    path("meetings/", include("meetings.urls")),
    path("programmes/", include("programmes.urls")),
    path("data/", include("data_hub.urls")),
    path("reports/", include("reports.urls")),
    path("sitemap.xml", login_not_required(require_GET(sitemap_views.sitemap)), {"sitemaps": SITEMAPS},
         name="django.contrib.sitemaps.views.sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]

# The Group in public: one address per language (/en/about/, /ar/about/, /fr/about/), so that search engines
# index each language and the pages can name their alternates. The rest of the portal follows the language
# chosen in the switcher at one address.
urlpatterns += i18n_patterns(
    path("", include("members.public_urls")),
    path("", include("meetings.public_urls")),
    path("", include("reports.public_urls")),
)

handler403 = "rwg_portal.views.error_403"
handler404 = "rwg_portal.views.error_404"
handler500 = "rwg_portal.views.error_500"
