"""Conversations: one thread per application and per award between its team and programme staff
(finance too on awards), with staff's internal notes; and the reviewers' discussion of an
application. A floor above applications, review and awards, below decisions."""
