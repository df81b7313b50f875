"""A real OpenID Connect provider for the tests: django-oauth-toolkit with OIDC on, in its own
tiny Django project (``settings``), SQLite and an RSA key in a scratch folder. The tests start
it in a subprocess (``server.Provider``) and sign in to dancoso through it — the stand-in for a
provincial SSO or VNeID."""
