"""What the browser tests share: signing in as one of the test people, with two-factor where asked."""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.people import TEST_TOTP_SECRET

PASSWORD = "correct horse battery staple"  # every test person's (tests/factories.py)


def current_totp_code() -> str:
    """The test accounts' two-factor code, taken where it stays valid until the server checks it: the
    server accepts only the current 30-second window, so a code read in a window's last seconds (the
    sign-in once failed on a code read at :59.9 and checked at :00.0) waits for the next window."""
    if 30 - time.time() % 30 < 3:
        time.sleep(30 - time.time() % 30 + 0.1)
    return format_hotp_value(hotp_value(TEST_TOTP_SECRET, int(time.time()) // 30))


def sign_in(page, live_server, email, *, totp=False) -> None:
    """Sign in through the sign-in page; with ``totp``, enter the current two-factor code too."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if totp:
        page.wait_for_url("**/2fa/authenticate/")
        page.locator("input[name=code]").fill(current_totp_code())
        page.get_by_role("button", name="Sign In", exact=True).click()
    page.wait_for_url(f"{live_server.url}/")


def signed_in_page(browser, live_server, email, *, totp=False, **context_options):
    """A new browser context (English) with a page signed in as ``email``: (context, page)."""
    context = browser.new_context(locale="en-GB", **context_options)
    page = context.new_page()
    page.set_default_timeout(15000)
    sign_in(page, live_server, email, totp=totp)
    return context, page
