"""Verified unit contacts: the unit-wide view (every delegation, submission and 附件三 of a
unit) for a contact made or approved by organisers, signed into by a one-time code."""
