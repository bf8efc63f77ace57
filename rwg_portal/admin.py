"""The shell's changes to the admin site.

allauth registers its e-mail address model in the admin. In this portal a person's sign-in address
is the one the secretariat invited and is changed only through the member records (allauth's
e-mail page redirects to the account page, see ``rwg_portal/urls.py``; no second or unverified
address exists), so an admin page to add, verify or make primary other addresses would only let
the two drift apart: it is removed. ``allauth.account`` comes before ``rwg_portal`` in
INSTALLED_APPS, so its registration has happened when this module is imported.
"""

from allauth.account.models import EmailAddress
from django.contrib import admin

if admin.site.is_registered(EmailAddress):
    admin.site.unregister(EmailAddress)
