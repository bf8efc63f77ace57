from allauth.account.adapter import DefaultAccountAdapter


class InviteOnlyAccountAdapter(DefaultAccountAdapter):
    """No open sign-up: people get an account when the secretariat invites them."""

    def is_open_for_signup(self, request):
        return False
