/** Boot: read the page's #boot JSON, load the catalogue, then join or enter the venue. */

import { createActions } from "./actions.js";
import { CallsState } from "./av/calls.js";
import { browserMedia } from "./av/media.js";
import { Mixer } from "./av/mixer.js";
import { BoothsState } from "./booths.js";
import { ChatState, QUESTION_KINDS } from "./chat.js";
import { setTimeZone } from "./clock.js";
import { GroupsState } from "./groups.js";
import { loadCatalogue, pick, t } from "./i18n.js";
import { Follow } from "./follow.js";
import { createMapMode } from "./mapmode.js";
import { SpaceMaps } from "./maps.js";
import { StageState } from "./stage.js";
import { startNews } from "./news.js";
import { Emote } from "./protocol.js";
import { VenueState } from "./state.js";
import { announce } from "./ui/announcer.js";
import { showBooths } from "./ui/booths.js";
import { showCalls } from "./ui/calls.js";
import { showChat } from "./ui/chat.js";
import { setupContacts } from "./ui/contacts.js";
import { setConnection, showConnection } from "./ui/connection.js";
import { byId } from "./ui/dom.js";
import { setupFeedback } from "./ui/feedback.js";
import { followAccess } from "./ui/gone.js";
import { showGroups } from "./ui/groups.js";
import { showReactionOverlay } from "./ui/overlay.js";
import { setupHeader } from "./ui/header.js";
import { showJoin } from "./ui/join.js";
import { setupListMode } from "./ui/listmode.js";
import { setupLocate } from "./ui/locate.js";
import { setupLooks } from "./ui/looks.js";
import { setupMeeting } from "./ui/meeting.js";
import { showNetworking } from "./ui/networking.js";
import { Notices } from "./ui/notices.js";
import { SpaceList } from "./ui/panel.js";
import { setupProgramme } from "./ui/programme/setup.js";
import { PersonCard } from "./ui/personcard.js";
import { Roster } from "./ui/roster.js";
import { showStage } from "./ui/stage.js";
import { setupHeaderMenu, setupTabs, setupTouch } from "./ui/tabs.js";
import { Wire } from "./wire/client.js";
import { openSocket } from "./wire/socket.js";

const boot = JSON.parse(byId("boot").textContent);
const eventTitle = document.title;
await loadCatalogue(boot.lang);
if (boot.me) startVenue(boot.me);
else showJoin(startVenue);

/** Show the venue for the joined participant `me` and connect. */
function startVenue(me) {
  byId("join").hidden = true;
  byId("app").hidden = false;
  byId("me-name").textContent = me.name;

  const wire = new Wire(openSocket());
  const state = new VenueState();
  const maps = new SpaceMaps();
  const actions = createActions({ wire, state, announce });
  const goTo = (id) => actions.enterSpace(id);
  const spaceName = (id) => pick(state.space(id)?.name) || id;

  setupTouch();
  setupHeaderMenu();
  const tabs = setupTabs();
  const header = setupHeader({ wire, onStatus: (status) => state.setMyStatus(status), onLeave: () => wire.close() });
  const spaceList = new SpaceList(goTo);
  const follow = new Follow({ state, enterSpace: goTo, walkNear: (x, y) => mapMode.walkNear(x, y) });
  const openDm = (person) => {
    tabs.show("chat");
    chat.openDm(person.id, person.name);
    byId("chat-input").focus();
  };
  setupLocate({ wire, spaceName, currentSpace: () => state.spaceId, onDm: openDm, onGoTo: (match) => follow.goTo(match) });
  startNews(state, announce);
  const programme = setupProgramme({ wire, goTo, spaceName, venue: state });
  programme.on("programme", (live) => spaceList.setClosed(live.closed));

  const mapMode = createMapMode({
    state,
    maps,
    move: (x, y) => wire.move(x, y),
    useDoor: (door) => actions.useDoor(door),
    container: byId("map"),
    joystick: byId("joystick"),
    doorLabel: (space, ref) => (space ? pick(space.name) : ref),
    onFailed: (error) => {
      console.error("map failed", error);
      setListMode(true, { quiet: true });
      announce(t("map.failed"));
    },
    onShown: () => follow.shown(),
    onSteer: () => {
      follow.stop();
      card.hide();
    },
    onPerson: (id, at) => {
      const person = state.people.get(id);
      if (person) card.show(person, at);
    },
  });
  const setListMode = setupListMode((listMode) => mapMode.setVisible(!listMode));

  const notices = new Notices(byId("notices"));
  const contacts = setupContacts({ wire, notices, announce });
  setupFeedback({ wire, notices, announce });
  const withPerson = {
    onContact: (person) => contacts.offer(person),
    onDm: openDm,
    onGoTo: (person) => follow.goTo({ ...person, space: state.spaceId }),
    onFollow: (person) => (follow.following === person.id ? follow.stop() : follow.follow({ ...person, space: state.spaceId })),
  };
  const profileOf = (id) => wire.profile(id);
  const roster = new Roster({ ...withPerson, following: () => follow.following, profileOf });
  const card = new PersonCard(withPerson, () => follow.following, profileOf);
  const stopFollowing = byId("follow-stop");
  stopFollowing.addEventListener("click", () => follow.stop());
  follow.on("change", (id) => {
    const name = id ? (state.people.get(id)?.name ?? "") : "";
    roster.render(state.roster(), state.me.id);
    stopFollowing.hidden = !id;
    stopFollowing.textContent = id ? t("follow.stop", { name }) : "";
    announce(id ? t("follow.on", { name }) : t("follow.off"));
  });
  follow.on("lost", (name) => announce(t("follow.lost", { name })));
  const looks = setupLooks({ wire, me: () => state.me });
  state.on("emote", ({ person, emote }) => {
    roster.emote(person, emote);
    // a raised hand asks for attention (moderators in list mode hear it); waves only show
    if (emote === Emote.HAND && person.id !== state.me.id) announce(t("emote.announce.hand", { name: person.name }));
  });

  const chat = new ChatState({ wire, venue: state });
  showChat(chat);
  chat.on("dm", () => tabs.mark("chat")); // on a phone the chat may be behind its tab
  const groups = new GroupsState({ wire, venue: state, maps });
  showGroups(groups);
  groups.on("group", (update) => {
    chat.setGroup(update);
    mapMode.setGroup(update.members.map((m) => m.id));
  });
  setupMeeting({ state });
  const calls = new CallsState({ wire, venue: state, maps, media: browserMedia });
  showCalls(calls, new Mixer(), { onSpeaking: (ids) => mapMode.setSpeaking(ids) });
  const stage = new StageState({ wire, venue: state });
  // given the floor: I take part in calls with my microphone on (the moderators hear me)
  showStage(stage, { announce, onFloor: () => (calls.started ? calls.setMic(true) : calls.start({ mic: true })) });
  showReactionOverlay(state, () => QUESTION_KINDS.has(state.currentSpace?.kind));
  const booths = new BoothsState({ wire, venue: state, maps });
  showBooths(booths, { onSigns: (space, signs) => mapMode.setBoothSigns(space, signs) });
  const networking = showNetworking(wire, () => state.spaceId);
  maps.follow(state); // after everyone above listens to "space", so they reset before the map comes

  state.on("space", ({ space }) => {
    if (space) chat.setSpace({ id: space.id, name: space.name });
    spaceList.render(state.spaces, state.spaceId);
    const name = pick(space?.name);
    byId("space-heading").textContent = t("space.heading", { space: name });
    document.title = `${name} · ${eventTitle}`;
    networking();
  });
  state.on("spaces", (spaces) => spaceList.render(spaces, state.spaceId));
  state.on("people", (people) => {
    roster.render(people, state.me.id);
    looks.showHand(state.me);
  });
  state.on("me", (person) => header.showMe(person));

  wire.on("welcome", (welcome) => {
    setTimeZone(welcome.timeZone);
    state.applyWelcome(welcome);
    header.showMe(state.me, { connected: true });
    looks.connected();
    chat.loadInbox();
    booths.load();
    contacts.load();
  });
  wire.on("snapshot", (snapshot) => state.applySnapshot(snapshot));
  wire.on("tick", (tick) => state.applyTick(tick));
  wire.on("counts", (counts) => state.applyCounts(counts));
  const accessEnded = followAccess(wire, notices);
  showConnection(wire, {
    refused: accessEnded,
    authFailed: (code) => {
      setConnection(null);
      // A fresh join sets a new cookie; reloading then renders the venue for it.
      showJoin(() => window.location.reload(), { notice: t(`error.${code}`) });
    },
  });
  wire.connect();
}
