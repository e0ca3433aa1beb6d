"""Incidents: event mentions from many documents grouped into real-world happenings (issue 7)."""
