/** The moderator console: watch the venue (mod.watch), then redraw on every mod.console. */

import { setTimeZone, timeWithSeconds } from "./clock.js";
import { errorText, loadCatalogue, pick, t } from "./i18n.js";
import { ProgrammeState } from "./programme.js";
import { announce } from "./ui/announcer.js";
import { setConnection, showConnection } from "./ui/connection.js";
import { renderAudit } from "./ui/console/audit.js";
import { renderCalls } from "./ui/console/calls.js";
import { SpaceToggles, fillSpaceSelects, setupControls } from "./ui/console/controls.js";
import { renderNetworking, setupNetworking } from "./ui/console/networking.js";
import { setupOverview } from "./ui/console/overview.js";
import { renderPeople, setupPeopleSearch } from "./ui/console/people.js";
import { byId } from "./ui/dom.js";
import { Wire } from "./wire/client.js";
import { openSocket } from "./wire/socket.js";

const boot = JSON.parse(byId("boot").textContent);
setTimeZone(boot.zone); // the page knows it before the welcome says it again
await loadCatalogue(boot.lang);

const wire = new Wire(openSocket());
const model = new ProgrammeState();
let spaces = [];
let consoleView = null;

const spaceName = (id) => pick(spaces.find((s) => s.id === id)?.name) || id;
const overview = setupOverview({ wire, spaceName, view: () => ({ model, console: consoleView }), rerender: render });
const toggles = new SpaceToggles({ wire, spaceName });
setupControls({ wire, spaceName });
setupNetworking({ wire });
const peopleSearch = setupPeopleSearch({ wire, spaceName });

/** Draw the whole console from the latest programme.state and Console. */
function render() {
  if (!model.state) return;
  const badge = byId("mod-rehearsal");
  const rehearsal = consoleView?.rehearsal ?? model.clock.rehearsal;
  badge.hidden = !rehearsal;
  badge.textContent = t("mod.rehearsal", { speed: model.clock.speed });
  overview.render({ model, console: consoleView });
  toggles.render(spaces, model.state.closed);
  if (!consoleView) return;
  renderPeople(consoleView, { wire, spaceName });
  const blockStart = (index) => model.state?.blocks.find((b) => b.index === index)?.start ?? null;
  renderAudit(consoleView.audit, { spaceName, blockStart });
  renderCalls(consoleView.calls, { wire });
  renderNetworking(consoleView.networking, { spaceName });
}

function applyConsole(view) {
  consoleView = view;
  render();
}

/** Show the programme clock, extrapolated, once a second. */
function showClock() {
  if (model.state) byId("mod-clock").textContent = timeWithSeconds(model.clock.now());
}
setInterval(showClock, 1000);

wire.on("welcome", (welcome) => {
  setTimeZone(welcome.timeZone);
  spaces = welcome.spaces;
  fillSpaceSelects(spaces, spaceName);
  render();
  peopleSearch.search(); // everyone, until a name is searched
});
wire.on("programme", (state) => {
  model.applyState(state);
  showClock();
  render();
});
wire.on("console", applyConsole);
showConnection(wire, { authFailed: (code) => setConnection(t(`error.${code}`)) });
wire.on("connected", async () => {
  const result = await wire.watchConsole();
  if (result.ok) applyConsole(result.value);
  else setConnection(errorText(result.error));
});
wire.connect();
announce(t("mod.ready"));
