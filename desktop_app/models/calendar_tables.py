"""Peewee model of the holiday table (schema V8); it mirrors migrations.V8.

- Holiday: one date of a year's arrangement that staff entered: 放假 (a statutory holiday) or 调休上班
  (a make-up workday), with a note. Rows override the shipped chinese-calendar data for their dates.
"""

from __future__ import annotations

from peewee import TextField

from desktop_app.models.tables import BaseModel


class Holiday(BaseModel):
    date = TextField(primary_key=True)  # yyyy-mm-dd
    kind = TextField()  # domain.day_count OFF / WORKED
    note = TextField(default="")


CALENDAR_MODELS = [Holiday]
