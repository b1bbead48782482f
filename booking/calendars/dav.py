"""CalDAV calendars (Nextcloud, Fastmail, iCloud, Radicale) through the `caldav` library.

Same operations as Google: busy times from a time-range query, create with a stable UID,
update, delete. The HTTP session is not shared between threads.
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

import caldav
import requests
from caldav.lib import error as dav_error

from booking.calendars.base import CalendarBackend, CalendarError, event_description
from booking.models import Appointment, Business
from booking.slots import Interval

UID_DOMAIN = "receptionist"


def _aware(value: Any) -> datetime | None:
    return value if isinstance(value, datetime) and value.tzinfo is not None else None


class CalDavCalendar(CalendarBackend):
    name = "caldav"

    def __init__(
        self, *, url: str, username: str, password: str, calendar: str, timeout: float
    ) -> None:
        self.url, self.username, self.password = url, username, password
        self.calendar_name = calendar
        self.timeout = timeout
        self._local = threading.local()

    def _calendar(self) -> Any:
        calendar = getattr(self._local, "calendar", None)
        if calendar is None:
            client = caldav.DAVClient(
                url=self.url,
                username=self.username or None,
                password=self.password or None,
                # caldav hands it to requests, which takes seconds as a float; its hint says int.
                timeout=self.timeout,  # type: ignore[arg-type]
            )
            principal = client.principal()
            if self.calendar_name.startswith(("https://", "http://")):
                calendar = principal.calendar(cal_url=self.calendar_name)
            elif self.calendar_name:
                calendar = principal.calendar(name=self.calendar_name)
            else:
                calendar = principal.calendars()[0]
            self._local.calendar = calendar
        return calendar

    def _run(self, what: str, action: Any) -> Any:
        try:
            return action(self._calendar())
        except dav_error.AuthorizationError:
            raise CalendarError(f"{what}: access refused", permanent=True) from None
        except (
            dav_error.NotFoundError,
            dav_error.DAVError,
            requests.RequestException,
            OSError,
        ) as exc:
            self._local.calendar = None
            if isinstance(exc, dav_error.NotFoundError) and what == "calendar":
                raise CalendarError("the calendar does not exist", permanent=True) from None
            raise CalendarError(f"{what}: {type(exc).__name__}") from None

    def busy(self, business: Business, start: datetime, end: datetime) -> list[Interval]:
        found = self._run(
            "search", lambda cal: cal.search(start=start, end=end, event=True, expand=True)
        )
        intervals = []
        for event in found:
            component = event.icalendar_component
            if str(component.get("STATUS", "")).upper() == "CANCELLED":
                continue
            if str(component.get("TRANSP", "")).upper() == "TRANSPARENT":
                continue
            begin = _aware(component.get("DTSTART").dt if component.get("DTSTART") else None)
            finish = _aware(component.get("DTEND").dt if component.get("DTEND") else None)
            if begin and finish:
                intervals.append(Interval(begin, finish))
        return intervals

    def push(self, appointment: Appointment, event_id: str) -> None:
        uid = f"{event_id}@{UID_DOMAIN}"
        summary = f"RDV {appointment.name}"
        description = event_description(appointment)

        def upsert(calendar: Any) -> None:
            try:
                event = calendar.event_by_uid(uid)
            except dav_error.NotFoundError:
                calendar.save_event(
                    dtstart=appointment.start,
                    dtend=appointment.end,
                    summary=summary,
                    description=description,
                    uid=uid,
                )
                return
            component = event.icalendar_component
            for key in ("DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "STATUS"):
                component.pop(key, None)
            component.add("dtstart", appointment.start)
            component.add("dtend", appointment.end)
            component.add("summary", summary)
            component.add("description", description)
            event.save()

        self._run("push", upsert)

    def remove(self, event_id: str) -> None:
        uid = f"{event_id}@{UID_DOMAIN}"

        def delete(calendar: Any) -> None:
            try:
                calendar.event_by_uid(uid).delete()
            except dav_error.NotFoundError:
                return  # already gone: done

        self._run("delete", delete)
