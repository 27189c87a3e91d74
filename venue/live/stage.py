"""The stage live: polls, the question queue, raised hands in order, and who has the floor.

Votes, upvotes and hands change a space's stage often; each change only marks the space,
and `flush` (a few times a second) sends each marked space's stage once, so that a room of
three hundred voting at once costs a few frames per person and second, not one per vote.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import count

from venue.clock import Clock
from venue.domain.calls import Gathering
from venue.domain.chat import may_ask
from venue.domain.day import Day
from venue.domain.errors import Code, DomainError
from venue.domain.events import Departed, Emoted, Event
from venue.domain.looks import Emote
from venue.domain.people import Person
from venue.domain.permissions import Actor, Permission, allowed
from venue.domain.presence import Presence
from venue.domain.stage import (
    POLLS_SHOWN,
    QUESTIONS_SHOWN,
    PollSpec,
    QueueAction,
    ballot,
    hand_order,
    poll_spec,
    question_order,
    slot_of,
)
from venue.live.audit import AuditLog
from venue.live.conversations import Conversations
from venue.live.ports import Ownership, Publisher
from venue.protocol.chat import MemberOut
from venue.protocol.peers import Floor
from venue.protocol.stage import (
    BallotOut,
    PollOut,
    QuestionOut,
    StageCalledOut,
    StageOut,
    StageViewOut,
)
from venue.store.db import Store
from venue.store.stage import StoredPoll, StoredQuestion

STAGE_CALL = "stage:"


class LiveStage:
    """Every stage of the venue (the plenary's and each workshop's)."""

    def __init__(
        self,
        presence: Presence,
        day: Day,
        store: Store,
        publisher: Publisher,
        ownership: Ownership,
        conversations: Conversations,
        audit: AuditLog,
        clock: Clock,
    ) -> None:
        self._presence = presence
        self._day = day
        self._store = store
        self._publisher = publisher
        self._ownership = ownership
        self._conversations = conversations
        self._audit = audit
        self._clock = clock
        self._turns = count(1)
        self._raised: dict[str, int] = {}  # person -> turn taken when the hand went up
        self._current: dict[str, int] = {}  # space -> the question being answered
        self.speakers: dict[str, str] = {}  # space -> the person who has the floor
        self._dirty: set[str] = set()

    # -- polls -------------------------------------------------------------

    async def ask_poll(
        self, actor: Actor, question: str, options: Sequence[str], multiple: bool
    ) -> PollOut:
        spec = poll_spec(question, options, multiple)
        space = self._stage_of(actor.id).space
        now = self._clock.now()
        programme = self._day.programme
        block = programme.running(now)
        start = programme.start_of(block) if block else None
        slot = slot_of(block, start, space, now)
        stored = await self._store.stage.add_poll(
            space, slot, spec.question, spec.options, spec.multiple
        )
        await self._audit.record(actor, "poll", f"{stored.id} in {space}: {spec.question}")
        self._dirty.add(space)
        return _poll_out(stored, [0] * len(stored.options), 0)

    async def vote(self, person_id: str, poll_id: int, choices: Sequence[int]) -> PollOut:
        poll = await self._poll_here(person_id, poll_id)
        if poll.closed_at is not None:
            raise DomainError(Code.POLL_CLOSED, "The poll is closed.")
        picked = ballot(PollSpec(poll.question, poll.options, poll.multiple), choices)
        if not await self._store.stage.vote(poll.id, person_id, picked):
            raise DomainError(Code.POLL_VOTED, "You have voted in this poll already.")
        self._dirty.add(poll.space)
        return (await self._polls_out([poll]))[0]

    async def close_poll(self, actor: Actor, poll_id: int) -> PollOut:
        poll = await self._poll_here(actor.id, poll_id)
        [counted] = await self._polls_out([poll])
        if not await self._store.stage.close_poll(poll.id, counted.votes, counted.voters):
            raise DomainError(Code.POLL_CLOSED, "The poll is closed already.")
        await self._audit.record(actor, "poll close", f"{poll.id} in {poll.space}")
        self._dirty.add(poll.space)
        closed = await self._store.stage.poll(poll.id)
        assert closed is not None  # polls are never deleted while the venue runs
        return (await self._polls_out([closed]))[0]

    async def _poll_here(self, person_id: str, poll_id: int) -> StoredPoll:
        space = self._stage_of(person_id).space
        poll = await self._store.stage.poll(poll_id)
        if poll is None or poll.space != space:
            raise DomainError(Code.POLL_UNKNOWN, "There is no such poll here.")
        return poll

    async def _polls_out(self, polls: Sequence[StoredPoll]) -> list[PollOut]:
        counts = await self._store.stage.counted(polls)
        return [
            _poll_out(poll, votes, voters)
            for poll, (votes, voters) in zip(polls, counts, strict=True)
        ]

    # -- questions -----------------------------------------------------------

    async def upvote(self, person_id: str, message_id: int) -> None:
        space = self._stage_of(person_id).space
        question = await self._open_question(space, message_id)
        if question.author_id == person_id:
            raise DomainError(Code.QUESTION_OWN, "You do not upvote your own question.")
        if not await self._store.stage.upvote(message_id, person_id):
            raise DomainError(Code.QUESTION_VOTED, "You have upvoted this question already.")
        self._dirty.add(space)

    async def queue(self, actor: Actor, message_id: int, action: QueueAction) -> None:
        """Take a question now, mark it answered, or hide it from the queue."""
        space = self._stage_of(actor.id).space
        await self._open_question(space, message_id)
        match action:
            case QueueAction.NEXT:
                self._current[space] = message_id
            case QueueAction.ANSWERED:
                await self._conversations.answered(message_id)
            case QueueAction.HIDE:
                await self._store.stage.hide(message_id)
                await self._audit.record(actor, "question hide", f"{message_id} in {space}")
        if action is not QueueAction.NEXT and self._current.get(space) == message_id:
            del self._current[space]
        self._dirty.add(space)

    async def _open_question(self, space: str, message_id: int) -> StoredQuestion:
        for question in await self._store.stage.open_questions(f"space:{space}", QUESTIONS_SHOWN):
            if question.id == message_id:
                return question
        raise DomainError(Code.QUESTION_UNKNOWN, "There is no such open question here.")

    def touch(self, space: str | None = None) -> None:
        """A question was asked or deleted: `space`'s stage (or every stage) is sent again."""
        spaces = self._presence.venue.spaces
        self._dirty |= {space} if space else {s.id for s in spaces.values() if may_ask(s.kind)}

    # -- hands and the floor -----------------------------------------------

    async def observe(self, events: Sequence[Event]) -> None:
        """Hands going up and down (and people leaving) change the order of the stage's hands."""
        spaces = self._presence.venue.spaces
        for event in events:
            match event:
                case Emoted(space, pid, Emote.HAND):
                    self._raised.setdefault(pid, next(self._turns))
                case Emoted(space, pid, Emote.HAND_DOWN):
                    self._raised.pop(pid, None)  # (the call-on lowers the speaker's hand too)
                case Departed(space, pid):
                    self._raised.pop(pid, None)
                    if self.speakers.get(space) == pid:
                        del self.speakers[space]  # gone: the floor is free again
                case _:
                    continue
            if space in spaces and may_ask(spaces[space].kind):
                self._dirty.add(space)

    async def call_on(self, actor: Actor, person_id: str) -> None:
        """Give the floor to someone whose hand is up, in the moderator's space (see CallOnIn)."""
        space = self._stage_of(actor.id).space
        person = self._presence.get(person_id)
        if person is None or person.space != space:
            raise DomainError(Code.STAGE_NOT_HERE, "That person is not in your space.")
        if not person.hand:
            raise DomainError(Code.HAND_NOT_RAISED, "That person's hand is not raised.")
        await self.release(actor)
        self.floor_here(space, person_id)
        await self._ownership.tell(Floor(space=space, p=person_id))
        moderator = self._presence.require(actor.id).name
        await self._publisher.to_people(
            [person_id], StageCalledOut(space=space, called=True, by=moderator), relay=True
        )
        await self._audit.record(actor, "call on", f"{self._audit.ref(person_id)} in {space}")

    async def release(self, actor: Actor) -> None:
        """End the turn of whoever has the floor in the moderator's space."""
        space = self._stage_of(actor.id).space
        speaker = self.speakers.get(space)
        if speaker is None:
            return
        self.floor_here(space, None)
        await self._ownership.tell(Floor(space=space, p=None))
        moderator = self._presence.require(actor.id).name
        out = StageCalledOut(space=space, called=False, by=moderator)
        await self._publisher.to_people([speaker], out, relay=True)

    def floor_here(self, space: str, speaker: str | None) -> None:
        """Who has the floor in `space`, decided here or by another process's moderator."""
        if speaker is None:
            self.speakers.pop(space, None)
        else:
            self.speakers[space] = speaker
        self._dirty.add(space)

    def gatherings(self) -> list[Gathering]:
        """A call per stage whose floor is given: the speaker and the space's moderators."""
        found = []
        for space, speaker in sorted(self.speakers.items()):
            members = {speaker} | {p.id for p in self._moderators(space)}
            if len(members) > 1:
                # chosen on purpose like a booth conversation: connects whatever the status
                found.append(Gathering(f"{STAGE_CALL}{space}", frozenset(members), booth=True))
        return found

    def _moderators(self, space: str) -> list[Person]:
        return [
            p
            for p in self._presence.roster(space)
            if allowed(Actor(p.id, p.role), Permission.MODERATE)
        ]

    # -- the state -----------------------------------------------------------

    async def view(self, person_id: str) -> StageViewOut:
        """One's stage, with one's ballots and upvotes (sent on entering a stage space)."""
        space = self._stage_of(person_id).space
        stage = await self._stage_out(space)
        store = self._store.stage
        ballots = await store.ballots_of(person_id, [p.id for p in stage.polls])
        mine = [
            BallotOut(poll=poll, choices=list(picked)) for poll, picked in sorted(ballots.items())
        ]
        upvoted = await store.upvoted_by(person_id, [q.id for q in stage.questions])
        return StageViewOut(stage=stage, ballots=mine, upvoted=sorted(upvoted))

    async def flush(self) -> None:
        """Each stage that changed since the last tick goes to its space, once."""
        dirty, self._dirty = self._dirty, set()
        for space in sorted(dirty):
            await self._publisher.to_space(space, await self._stage_out(space), relay=True)

    async def _stage_out(self, space: str) -> StageOut:
        store = self._store.stage
        polls = await self._polls_out(await store.latest_polls(space, POLLS_SHOWN))
        questions = await store.open_questions(f"space:{space}", QUESTIONS_SHOWN)
        votes = await store.upvotes([q.id for q in questions])
        by_id = {q.id: q for q in questions}
        ordered = [
            _question_out(by_id[qid], votes.get(qid, 0)) for qid in question_order(votes, by_id)
        ]
        current = self._current.get(space)
        raised = [p for p in self._presence.roster(space) if p.hand]
        names = {p.id: p.name for p in raised}
        speaker = self._presence.get(self.speakers.get(space, ""))
        return StageOut(
            space=space,
            polls=polls,
            questions=[q for q in ordered if q.id != current],
            current=next((q for q in ordered if q.id == current), None),
            hands=[MemberOut(id=p, name=names[p]) for p in hand_order(self._raised, names)],
            speaker=MemberOut(id=speaker.id, name=speaker.name) if speaker else None,
        )

    def _stage_of(self, person_id: str) -> Person:
        """The person, in the plenary or a workshop; else refused."""
        person = self._presence.require(person_id)
        if not may_ask(self._presence.venue.spaces[person.space].kind):
            raise DomainError(Code.STAGE_NOT_HERE, "The stage is in the plenary and workshops.")
        return person


def _poll_out(poll: StoredPoll, votes: list[int], voters: int) -> PollOut:
    return PollOut(
        id=poll.id,
        question=poll.question,
        options=list(poll.options),
        multiple=poll.multiple,
        votes=votes,
        voters=voters,
        closed=poll.closed_at is not None,
    )


def _question_out(question: StoredQuestion, upvotes: int) -> QuestionOut:
    return QuestionOut(
        id=question.id,
        author=MemberOut(id=question.author_id or "", name=question.author_name),
        text=question.text,
        upvotes=upvotes,
    )
