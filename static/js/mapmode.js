/**
 * Map mode: keeps the map view in step with the model and drives my walking. It draws the
 * map SpaceMaps loaded for my space; Phaser is imported only when the map is first shown.
 */

import { TouchJoystick, combinedDirection } from "./joystick.js";
import { KeyboardDirection } from "./keyboard.js";
import { MoveSender } from "./mover.js";
import { Navigation } from "./navigation.js";

/**
 * Wire map mode. `state`: the VenueState; `maps`: the SpaceMaps following it; `move(x, y)`:
 * the wire's; `useDoor(name)`: changes space through a door; `doorLabel(targetSpace, ref)`:
 * text for a door; `onFailed(error)`: the map cannot be shown (the caller falls back to list mode);
 * `joystick`: the touch joystick's pad element; `onShown(space)`: the map of my space is drawn;
 * `onSteer()`: I walk by key, joystick or tap (following someone stops); `onPerson(id, at)`:
 * someone's avatar or name was clicked (`at`: canvas pixels).
 */
export function createMapMode({ state, maps, move, useDoor, container, joystick, doorLabel, onFailed, onShown, onSteer, onPerson }) {
  let view = null;
  let viewLoading = null;
  let shownSpace = null;
  let visible = false;
  let group = []; // ids of my nearby group, outlined on the map
  let boothSigns = { space: null, signs: [] }; // open/closed signs at the booths of a space

  const keyboard = new KeyboardDirection();
  const stick = new TouchJoystick(joystick);
  const steering = combinedDirection(keyboard, stick);
  const mover = new MoveSender(move, (position) => navigation.snap(position.x, position.y));
  const navigation = new Navigation({
    keyboard: steering,
    mover,
    place: (x, y) => view?.placePerson(state.me.id, x, y),
    moved: (x, y) => state.setMyPosition(x, y),
    useDoor: (door) => useDoor(door.name),
  });

  function ensureView() {
    viewLoading ??= import("./render/map.js").then((module) =>
      module.createMapView(container, {
        onFrame: (dt) => {
          const { x, y } = steering.direction;
          if (x || y) onSteer();
          navigation.frame(dt);
        },
        onTap: (x, y, screenX, screenY) => {
          const someone = view?.personAt(x, y, state.me.id);
          if (someone) return onPerson(someone, { x: screenX, y: screenY });
          onSteer();
          navigation.tap(x, y);
        },
      }),
    );
    return viewLoading.then((created) => (view = created));
  }

  /** Draw `loaded` ({space, map, error}: the map of my space) if the map is on screen. */
  async function show(loaded) {
    if (!visible || !loaded || loaded.space !== state.spaceId) return;
    if (!loaded.map) return onFailed(loaded.error);
    const { space, map } = loaded;
    try {
      await ensureView();
      if (state.spaceId !== space || !visible) return; // moved on meanwhile
      shownSpace = null;
      view.setTickRate(state.tickHz);
      await view.showSpace({
        key: space,
        mapJson: structuredClone(map.json), // Phaser keeps and may change what it is given
        people: state.roster(),
        meId: state.me.id,
        doors: map.doors.map((door) => ({ ...door, label: labelOf(door) })),
      });
      if (state.spaceId !== space) return;
      shownSpace = space;
      view.setGroup(group);
      if (boothSigns.space === space) view.setBoothSigns(boothSigns.signs);
      navigation.enter(map.walk, state.me.x, state.me.y);
      container.dataset.space = space; // the map of `space` is drawn and one can walk (tests wait for it)
      onShown(space);
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

  maps.on("map", show);
  state.on("space", () => {
    shownSpace = null; // until the new space's map is drawn, nothing walks or moves there
    delete container.dataset.space;
  });
  state.on("people", (people) => {
    if (view && shownSpace === state.spaceId) view.syncPeople(people, state.me.id);
  });
  state.on("emote", ({ person, emote }) => {
    if (view && shownSpace === state.spaceId) view.showEmote(person.id, emote);
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
    /** Walk beside (x, y) of my space; false while the map is not shown. */
    walkNear(x, y) {
      return visible && shownSpace === state.spaceId && navigation.approach(x, y);
    },
    /** Ring the avatars of the people speaking in my call (a Set of ids). */
    setSpeaking(ids) {
      view?.setSpeaking(ids);
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
      stick.setEnabled(shown);
      view?.setActive(shown);
      // Phaser loads while the map is fetched; show() reports a failure to load it
      if (shown) ensureView().catch(() => {});
      if (!shown || shownSpace === state.spaceId) return;
      if (maps.current?.map) show(maps.current);
      else maps.refresh(); // not loaded yet, or failed: "map" comes (again)
    },
  };
}
