"""The application side of the scheduler: rooms and blocks, the instance built from the
database, the stored draft, hand edits and the solve run off the event loop.

Modules: venues (rooms, blocks), instance (database → scheduling.Instance), drafts (the stored
draft schedule), edits (pin, move, swap), runs (a solve with progress, one per event).
"""
