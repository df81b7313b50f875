"""The provider's claims about a person, as VNeID would give them: name, verified e-mail and
verified phone number (in the international form)."""

from oauth2_provider.oauth2_validators import OAuth2Validator


class CitizenValidator(OAuth2Validator):
    oidc_claim_scope = OAuth2Validator.oidc_claim_scope | {
        "phone_number": "phone",
        "phone_number_verified": "phone",
    }

    def get_additional_claims(self, request):
        user = request.user
        return {
            "name": f"{user.last_name} {user.first_name}".strip(),
            "email": user.email,
            "email_verified": True,
            "phone_number": "+84" + user.username.removeprefix("0"),
            "phone_number_verified": True,
        }
