"""E-mail: the SMTP sender and the messages venue sends (personal links, confirmations)."""
