/**
 * Map mode: loads the current space's map, keeps the map view in step with the model and
 * drives my walking. Phaser is imported only when the map is first shown.
 */

import { KeyboardDirection } from "./keyboard.js";
import { MoveSender } from "./mover.js";
import { Navigation } from "./navigation.js";
import { WalkMap, decodeLayers } from "./walkmap.js";

/**
 * Wire map mode. `state`: the VenueState; `send`: ack Promises; `useDoor(name)`: changes space
 * through a door; `doorLabel(targetSpace, ref)`: text for a door; `onFailed(error)`: the map
 * cannot be shown (the caller falls back to list mode).
 */
export function createMapMode({ state, send, useDoor, container, doorLabel, onFailed }) {
  let view = null;
  let viewLoading = null;
  let shownSpace = null;
  let visible = false;
  const maps = new Map(); // map_url -> Promise of {json, walkMap}
  let group = []; // ids of my nearby group, outlined on the map
  let boothSigns = { space: null, signs: [] }; // open/closed signs at the booths of a space

  const keyboard = new KeyboardDirection();
  const mover = new MoveSender(send, (position) => navigation.snap(position.x, position.y));
  const navigation = new Navigation({
    keyboard,
    mover,
    place: (x, y) => view?.placePerson(state.me.id, x, y),
    moved: (x, y) => state.setMyPosition(x, y),
    useDoor: (door) => useDoor(door.name),
  });

  function ensureView() {
    viewLoading ??= import("./render/map.js").then((module) =>
      module.createMapView(container, {
        onFrame: (dt) => navigation.frame(dt),
        onTap: (x, y) => navigation.tap(x, y),
      }),
    );
    return viewLoading.then((created) => (view = created));
  }

  function loadMap(url) {
    if (!maps.has(url)) {
      const loading = fetch(url, { credentials: "same-origin" })
        .then((response) => {
          if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
          return response.json();
        })
        .then(decodeLayers)
        .then((json) => ({ json, walkMap: new WalkMap(json) }));
      loading.catch(() => maps.delete(url)); // retry on the next visit
      maps.set(url, loading);
    }
    return maps.get(url);
  }

  async function show() {
    const space = state.currentSpace;
    if (!visible || !space) return;
    try {
      await ensureView();
      const { json, walkMap } = await loadMap(space.map_url);
      if (state.spaceId !== space.id || !visible) return; // moved on meanwhile
      shownSpace = null;
      await view.showSpace({
        key: space.id,
        mapJson: structuredClone(json), // Phaser keeps and may change what it is given
        people: state.roster(),
        meId: state.me.id,
        doors: walkMap.doors.map((door) => ({ ...door, label: labelOf(door) })),
      });
      if (state.spaceId !== space.id) return;
      shownSpace = space.id;
      view.setGroup(group);
      if (boothSigns.space === space.id) view.setBoothSigns(boothSigns.signs);
      navigation.enter(walkMap, state.me.x, state.me.y);
    } catch (error) {
      onFailed(error);
    }
  }

  function labelOf(door) {
    const ref = String(door.properties.exitUrl).split("#")[0];
    const bare = ref.replace(/\.(tmj|json)$/, "");
    const target = state.space(ref) ?? state.space(bare);
    return doorLabel(target, ref);
  }

  state.on("space", show);
  state.on("people", (people) => {
    if (view && shownSpace === state.spaceId) view.syncPeople(people, state.me.id);
  });
  state.on("moves", (moves) => {
    if (!view || shownSpace !== state.spaceId) return;
    for (const { id, x, y } of moves) {
      if (id === state.me.id) navigation.followRemote(x, y);
      else view.movePerson(id, x, y);
    }
  });

  return {
    /** Outline the people of my nearby group (ids; fewer than two: no outline). */
    setGroup(ids) {
      group = ids;
      view?.setGroup(ids);
    },
    /** Signs at the booths of `space` (drawn when that space is shown). */
    setBoothSigns(space, signs) {
      boothSigns = { space, signs };
      if (view && shownSpace === space) view.setBoothSigns(signs);
    },
    /** Show or hide the map (hidden in list mode: no drawing, no keyboard walking). */
    setVisible(shown) {
      visible = shown;
      keyboard.setEnabled(shown);
      view?.setActive(shown);
      if (shown && shownSpace !== state.spaceId) show();
    },
  };
}
