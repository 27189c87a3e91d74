"""Payloads of the stage in the plenary and workshops: polls, the question queue, raised hands."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictBool, StrictInt

from venue.domain.stage import OPTION_MAX, OPTIONS_MAX, QUESTION_MAX, QueueAction
from venue.protocol.base import DB_INT_MAX, Inbound, Model, Notice, Outbound, Request
from venue.protocol.chat import MemberOut, MessageId, PersonId

PollId = Annotated[StrictInt, Field(ge=1, le=DB_INT_MAX)]
Choice = Annotated[StrictInt, Field(ge=0, lt=OPTIONS_MAX)]


# -- outbound payloads -------------------------------------------------------


class PollOut(Model):
    """A poll with its results so far; `votes[i]` counts answer `i`, `voters` the ballots."""

    id: int
    question: str
    options: list[str]
    multiple: bool
    votes: list[int]
    voters: int
    closed: bool


class QuestionOut(Model):
    """An open question to the stage with its upvotes."""

    id: int
    author: MemberOut
    text: str
    upvotes: int


class StageOut(Notice, event=Outbound.STAGE_STATE):
    """The stage of a space: its latest polls, the open questions (most upvoted first), the
    question being answered, the raised hands (first raised first) and who has the floor.
    Sent to the space whenever any of it changed, at most four times a second."""

    space: str
    polls: list[PollOut]
    questions: list[QuestionOut]
    current: QuestionOut | None
    hands: list[MemberOut]
    speaker: MemberOut | None


class BallotOut(Model):
    poll: int
    choices: list[int]


class StageViewOut(Model):
    """The stage of one's space, and what one has voted and upvoted there."""

    stage: StageOut
    ballots: list[BallotOut]
    upvoted: list[int]


class StageCalledOut(Notice, event=Outbound.STAGE_CALLED):
    """A moderator called on one (`called`), or one's turn ended. While one has the floor,
    one's call links one with the space's moderators (call `stage:<space>`)."""

    space: str
    called: bool
    by: str


# -- inbound payloads --------------------------------------------------------


class StageViewIn(Request, event=Inbound.STAGE_VIEW, ack=StageViewOut):
    """The stage of the plenary or workshop one is in (sent on entering it)."""


class PollCreateIn(Request, event=Inbound.STAGE_POLL, ack=PollOut):
    """Moderators: ask a poll in the plenary or workshop one is in; 2–8 different answers,
    `multiple` lets people tick several."""

    question: Annotated[str, Field(min_length=1, max_length=QUESTION_MAX)]
    options: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=OPTION_MAX)]],
        Field(min_length=2, max_length=OPTIONS_MAX),
    ]
    multiple: StrictBool = False


class PollVoteIn(Request, event=Inbound.STAGE_VOTE, ack=PollOut):
    """Vote in an open poll of one's space, once: one answer's index, or several distinct
    ones in a multiple-choice poll. The ack carries the results with one's vote."""

    poll: PollId
    choices: Annotated[list[Choice], Field(min_length=1, max_length=OPTIONS_MAX)]


class PollCloseIn(Request, event=Inbound.STAGE_CLOSE, ack=PollOut):
    """Moderators: close a poll of one's space; its results stay in the programme's record."""

    poll: PollId


class UpvoteIn(Request, event=Inbound.STAGE_UPVOTE):
    """Upvote an open question of one's space (once; not one's own)."""

    id: MessageId


class QueueIn(Request, event=Inbound.STAGE_QUEUE):
    """Moderators: take a question of one's space now (`next`), mark it `answered`, or
    `hide` it from the queue (the message stays in the chat)."""

    id: MessageId
    action: QueueAction


class CallOnIn(Request, event=Inbound.STAGE_CALL_ON):
    """Moderators: give the floor to a person in one's space whose hand is raised. Their
    hand goes down, they are told and shown as speaker, and a call links them with the
    space's moderators."""

    person: PersonId


class ReleaseIn(Request, event=Inbound.STAGE_RELEASE):
    """Moderators: end the turn of whoever has the floor in one's space."""
