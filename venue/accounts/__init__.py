"""Who someone is: personal links with signed tokens, guests, invitations of staff."""
