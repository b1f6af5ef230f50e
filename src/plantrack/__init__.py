"""PlanTrack: turn an approved development plan into a monitored programme."""
