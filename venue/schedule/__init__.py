"""The c3voc/frab schedule format: importing pretalx and frab exports, and every export
(schedule.json, schedule.xml, iCalendar)."""
