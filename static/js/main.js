/** Boot: read the page's #boot JSON, load the catalogue, then join or enter the venue. */

import { createActions } from "./actions.js";
import { loadCatalogue, pick, t } from "./i18n.js";
import { createMapMode } from "./mapmode.js";
import { connect } from "./net.js";
import { startNews } from "./news.js";
import { Outbound } from "./protocol.js";
import { VenueState } from "./state.js";
import { announce } from "./ui/announcer.js";
import { connectionCallbacks, setConnection } from "./ui/connection.js";
import { byId } from "./ui/dom.js";
import { setupHeader } from "./ui/header.js";
import { showJoin } from "./ui/join.js";
import { setupListMode } from "./ui/listmode.js";
import { setupLocate } from "./ui/locate.js";
import { SpaceList, renderRoster } from "./ui/panel.js";
import { setupProgramme } from "./ui/programme/setup.js";
import { setupChat } from "./ui/chat.js";
import { setupGroups } from "./ui/groups.js";
import { setupMeeting } from "./ui/meeting.js";
import { setupBooths } from "./ui/booths.js";

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

  const state = new VenueState();
  let net = null;
  const send = (event, payload) => net.send(event, payload);
  const actions = createActions({ send, state, announce });
  const spaceName = (id) => pick(state.space(id)?.name) || id;

  const header = setupHeader({ send, onStatus: (status) => state.setMyStatus(status), onLeave: () => net.close() });
  const spaceList = new SpaceList((id) => actions.enterSpace(id));
  setupLocate({ send, spaceName, goTo: (id) => actions.enterSpace(id), currentSpace: () => state.spaceId });
  startNews(state, announce);
  const programme = setupProgramme({ send, goTo: (id) => actions.enterSpace(id), spaceName, venue: state });

  const mapMode = createMapMode({
    state,
    send,
    useDoor: (door) => actions.useDoor(door),
    container: byId("map"),
    doorLabel: (space, ref) => (space ? pick(space.name) : ref),
    onFailed: (error) => {
      console.error("map failed", error);
      setListMode(true, { quiet: true });
      announce(t("map.failed"));
    },
  });
  const setListMode = setupListMode((listMode) => mapMode.setVisible(!listMode));
  const chat = setupChat({ send, state });
  const groups = setupGroups({
    send,
    state,
    onGroup: (update) => {
      chat.setGroup(update);
      mapMode.setGroup(update.members.map((m) => m.id));
    },
  });
  setupMeeting({ state });
  const booths = setupBooths({ send, state, onSigns: (space, signs) => mapMode.setBoothSigns(space, signs) });
  state.on("space", ({ space }) => {
    if (space) chat.setSpace({ id: space.id, label: pick(space.name) });
  });

  state.on("spaces", (spaces) => spaceList.render(spaces, state.spaceId));
  state.on("space", ({ space }) => {
    spaceList.render(state.spaces, state.spaceId);
    const name = pick(space?.name);
    byId("space-heading").textContent = t("space.heading", { space: name });
    document.title = `${name} · ${eventTitle}`;
  });
  state.on("people", (people) => renderRoster(people, state.me.id));
  state.on("me", (person) => header.showMe(person));

  net = connect(
    {
      [Outbound.WELCOME]: (welcome) => {
        state.applyWelcome(welcome);
        header.showMe(state.me, { connected: true });
        chat.loadInbox();
        booths.load();
      },
      [Outbound.SNAPSHOT]: (snapshot) => state.applySnapshot(snapshot),
      [Outbound.TICK]: (tick) => state.applyTick(tick),
      [Outbound.COUNTS]: (counts) => state.applyCounts(counts),
      [Outbound.CHAT_MESSAGE]: chat.handlers.message,
      [Outbound.CHAT_CHANGED]: chat.handlers.changed,
      [Outbound.GROUP_UPDATE]: (update) => groups.apply(update),
      [Outbound.BOOTH_STATUS]: booths.handlers.status,
      [Outbound.BOOTH_HERE]: booths.handlers.here,
      [Outbound.BOOTH_RING]: booths.handlers.ring,
      [Outbound.BOOTH_TAKEN]: booths.handlers.taken,
      [Outbound.BOOTH_WITHDRAWN]: booths.handlers.withdrawn,
      [Outbound.BOOTH_CONVERSATION]: booths.handlers.conversation,
      [Outbound.BOOTH_MESSAGE]: booths.handlers.message,
      [Outbound.BOOTH_LEFT]: booths.handlers.left,
      ...programme,
    },
    connectionCallbacks({
      authFailed: (code) => {
        setConnection(null);
        // A fresh join sets a new cookie; reloading then renders the venue for it.
        showJoin(() => window.location.reload(), { notice: t(`error.${code}`) });
      },
    }),
  );
}
