"""Confirmations and reminders: an outbox written with each appointment change, sent later.

policy.py     the business's choices (channels, reminder times, quiet hours) as plain data
planning.py   when reminders go out (pure)
messages.py   the wordings (defaults, staff overrides) and their placeholders
outbox.py     rows written inside the booking transaction
email.py      the e-mail: text, HTML, the .ics
sms.py        the SMS backends (console, Brevo)
worker.py     claiming, sending and recording due rows (send_notifications)
"""
