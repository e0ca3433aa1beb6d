"""Resolution against packaged knowledge: countries and roles, places, dates, triggers."""
