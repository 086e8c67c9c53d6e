"""The judging wing: panels of judges per session, score sheets, results and awards.

rubrics.py and results.py are pure (no database, no web): the rubric data and the arithmetic
from sheets to awards. Panel assignment itself is scheduling.panels (CP-SAT).
"""
