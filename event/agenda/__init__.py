"""Pure renderers of the programme: ICS calendars, the handbook PDF and its HTML, from plain data."""
