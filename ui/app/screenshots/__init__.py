"""Scripts that take the README's screenshots under Xvfb (``make screenshot``); never imported by the app."""
