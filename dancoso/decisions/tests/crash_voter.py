"""A voting worker for the crash test: casts one online ballot per user id given on the
command line and prints the receipt hash of each once the service has returned (committed).
The test kills it with SIGKILL in the middle."""

import os
import sys

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dancoso.settings")
    django.setup()
    from dancoso.accounts.models import User
    from dancoso.decisions import services
    from dancoso.decisions.models import Decision

    decision = Decision.objects.get(pk=int(sys.argv[1]))
    option_id = int(sys.argv[2])
    for user_id in sys.argv[3:]:
        receipt = services.cast_ballot(
            decision, actor=User.objects.get(pk=int(user_id)), option_id=option_id
        )
        print(services.receipt_hash(receipt.code), flush=True)


if __name__ == "__main__":
    main()
