"""The default wording of the account emails; organizers edit it in the admin afterwards.

Variables: email, site (the host name), and name and reset_url (reset), signup_url (no
account), or name, verify_url and valid_for (verification).
"""

TEMPLATES = [
    (
        "account-password-reset",
        "Sent when someone asks to reset the password of an existing account. "
        "Variables: name, email, reset_url, site.",
        "Reset your password for {{ site }}",
        "Hello {{ name }},\n\nSomeone (we hope you) asked to reset the password of the account "
        "{{ email }} on {{ site }}.\nChoose a new password here:\n\n{{ reset_url }}\n\n"
        "If you did not ask for this, ignore this email: your password stays as it is.",
    ),
    (
        "account-no-account",
        "Sent when someone asks to reset a password for an address that has no account. "
        "Variables: email, signup_url, site.",
        "Password reset requested for {{ site }}",
        "Hello,\n\nSomeone (we hope you) asked to reset the password of the account {{ email }} "
        "on {{ site }}, but no account uses this address.\n\nIf it was you, you may have "
        "signed up with another address, or you can create an account here:\n"
        "{{ signup_url }}\n\nIf you did not ask for this, ignore this email.",
    ),
    (
        "account-verify-email",
        "Sent at sign-up, and again when someone asks for a new link, to prove the address is "
        "theirs. Variables: name, email, verify_url, valid_for, site.",
        "Verify your email address for {{ site }}",
        "Hello {{ name }},\n\nPlease confirm that {{ email }} is your address on {{ site }}: "
        "open this link and press “Verify my email”.\n\n{{ verify_url }}\n\nThe link works "
        "once, for {{ valid_for }}. A verified address lets you claim any poster the "
        "organizers listed under it.\n\nIf you did not create an account, ignore this email.",
    ),
]

# A value for every variable above: the admin checks and previews organizers' edits with them.
SAMPLE_CONTEXT = {
    "name": "Ada Lovelace",
    "email": "ada@example.org",
    "site": "example.org",
    "reset_url": "https://example.org/accounts/password-reset/x/y/",
    "signup_url": "https://example.org/accounts/signup/",
    "verify_url": "https://example.org/accounts/verify-email/MQ:1abc:x/",
    "valid_for": "3 days",
}
