/** The moderator console: watch the venue (mod.watch), then redraw on every mod.console. */

import { setZone, timeWithSeconds } from "./clock.js";
import { errorText, loadCatalogue, pick, t } from "./i18n.js";
import { connect } from "./net.js";
import { ProgrammeState } from "./programme.js";
import { Inbound, Outbound } from "./protocol.js";
import { announce } from "./ui/announcer.js";
import { connectionCallbacks, setConnection } from "./ui/connection.js";
import { renderAudit } from "./ui/console/audit.js";
import { SpaceToggles, fillSpaceSelects, setupControls } from "./ui/console/controls.js";
import { setupOverview } from "./ui/console/overview.js";
import { renderPeople } from "./ui/console/people.js";
import { byId } from "./ui/dom.js";

const boot = JSON.parse(byId("boot").textContent);
setZone(boot.zone);
await loadCatalogue(boot.lang);

const model = new ProgrammeState();
let spaces = [];
let consoleOut = null;
let net = null;

const send = (event, payload) => net.send(event, payload);
const spaceName = (id) => pick(spaces.find((s) => s.id === id)?.name) || id;
const overview = setupOverview({ send, spaceName, view: () => ({ model, console: consoleOut }), rerender: render });
const toggles = new SpaceToggles({ send, spaceName });
setupControls({ send, spaceName });

/** Draw the whole console from the latest programme.state and ConsoleOut. */
function render() {
  if (!model.state) return;
  const badge = byId("mod-rehearsal");
  const rehearsal = consoleOut?.rehearsal ?? model.clock.rehearsal;
  badge.hidden = !rehearsal;
  badge.textContent = t("mod.rehearsal", { speed: model.clock.speed });
  overview.render({ model, console: consoleOut });
  toggles.render(spaces, model.state.closed);
  if (!consoleOut) return;
  renderPeople(consoleOut, { send, spaceName });
  renderAudit(consoleOut.audit);
}

function applyConsole(out) {
  consoleOut = out;
  render();
}

/** Show the programme clock, extrapolated, once a second. */
function showClock() {
  if (model.state) byId("mod-clock").textContent = timeWithSeconds(model.clock.now());
}
setInterval(showClock, 1000);

net = connect(
  {
    [Outbound.WELCOME]: (welcome) => {
      spaces = welcome.spaces;
      fillSpaceSelects(spaces, spaceName);
      render();
    },
    [Outbound.PROGRAMME]: (state) => {
      model.applyState(state);
      showClock();
      render();
    },
    [Outbound.CONSOLE]: applyConsole,
  },
  connectionCallbacks({
    connected: async () => {
      setConnection(null);
      const ack = await send(Inbound.MOD_WATCH, {});
      if (ack.ok) applyConsole(ack.data);
      else setConnection(errorText(ack.error));
    },
    authFailed: (code) => setConnection(t(`error.${code}`)),
  }),
);
announce(t("mod.ready"));
