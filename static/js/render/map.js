/**
 * The map view: a Phaser scene that draws the current space's Tiled map, the doors and the
 * avatars, follows my avatar with the camera and reports frames and taps.
 * This is the only module that imports Phaser.
 */

import * as Phaser from "/vendor/phaser/phaser.esm.min.js";
import { EMOTE_SIZE, FRAME } from "../looks.js";
import { AVATAR_SHEET, Avatars, EMOTE_SHEET } from "./avatars.js";
import { drawBoothSigns } from "./booths.js";
import { drawDoors } from "./doors.js";
import { GroupOutline, SpeakingRings } from "./groups.js";

const BACKGROUND = "#1e2b2f";
const ABOVE_AVATARS = 3000;
const SMALL_VIEWPORT = 640; // px of canvas width
const SMALL_ZOOM = 0.75;

class SpaceScene extends Phaser.Scene {
  constructor(hooks) {
    super({ key: "space" });
    this.hooks = hooks;
  }

  preload() {
    this.load.spritesheet("avatars", AVATAR_SHEET, { frameWidth: FRAME.width, frameHeight: FRAME.height });
    this.load.spritesheet("emotes", EMOTE_SHEET, { frameWidth: EMOTE_SIZE, frameHeight: EMOTE_SIZE });
  }

  create() {
    this.avatars = new Avatars(this);
    this.outline = new GroupOutline(this, this.avatars);
    this.speaking = new SpeakingRings(this, this.avatars);
    this.input.on("pointerdown", (pointer) => this.hooks.onTap(pointer.worldX, pointer.worldY, pointer.x, pointer.y));
    this.scale.on("resize", () => this.hooks.onResize());
    this.hooks.onReady(this);
  }

  update(_time, delta) {
    const dt = delta / 1000;
    this.hooks.onFrame(dt);
    this.avatars.update(dt);
    this.outline.update();
    this.speaking.update();
  }
}

/**
 * Create the view inside `parent`. `onFrame(dt)` runs every frame before avatars glide,
 * `onTap(x, y, screenX, screenY)` gets map pixels (and canvas pixels) of a click or tap.
 * Resolves once the scene is ready.
 */
export function createMapView(parent, { onFrame, onTap }) {
  return new Promise((resolve) => {
    let scene = null;
    let mapSize = { width: 0, height: 0 };
    let shown = []; // the tilemap and door objects of the current space
    let signs = []; // the booth signs drawn on it
    let generation = 0;

    const fitCamera = () => {
      const camera = scene.cameras.main;
      // Phones see more of the room at a slightly smaller scale.
      camera.setZoom(camera.width < SMALL_VIEWPORT ? SMALL_ZOOM : 1);
      // A map smaller than the viewport is centred instead of pinned to the top left.
      const extraX = Math.max(0, camera.width / camera.zoom - mapSize.width) / 2;
      const extraY = Math.max(0, camera.height / camera.zoom - mapSize.height) / 2;
      camera.setBounds(-extraX, -extraY, mapSize.width + 2 * extraX, mapSize.height + 2 * extraY);
    };

    const view = {
      /** Draw a space: its Tiled map (layers decoded), people, me and labelled doors. */
      async showSpace({ key, mapJson, people, meId, doors }) {
        const mine = ++generation;
        await loadTilesetImages(scene, mapJson.tilesets);
        if (mine !== generation) return; // a newer space replaced this one meanwhile
        for (const object of [...shown, ...signs]) object.destroy();
        signs = [];
        scene.avatars.clear();
        const tilemap = buildTilemap(scene, key, mapJson);
        mapSize = { width: tilemap.widthInPixels, height: tilemap.heightInPixels };
        shown = [tilemap, ...drawDoors(scene, doors, mapSize.width, mapSize.height)];
        scene.avatars.sync(people, meId);
        fitCamera();
        const me = scene.avatars.get(meId);
        if (me) {
          scene.cameras.main.startFollow(me, true, 0.15, 0.15);
          scene.cameras.main.centerOn(me.x, me.y);
        }
      },
      /** Remote avatars glide from one position to the next in about 1 / `hz` seconds. */
      setTickRate(hz) {
        scene.avatars.tickHz = hz;
      },
      /** Make the avatars match the roster of my space. */
      syncPeople(people, meId) {
        scene.avatars.sync(people, meId);
      },
      /** Outline the avatars of my nearby group. */
      setGroup(ids) {
        scene.outline.setMembers(ids);
      },
      /** Ring the avatars of the people speaking in my call (a Set of ids). */
      setSpeaking(ids) {
        scene.speaking.setSpeaking(ids);
      },
      /** Draw the booth signs of the shown space (replacing the previous ones). */
      setBoothSigns(list) {
        for (const object of signs) object.destroy();
        signs = drawBoothSigns(scene, list);
      },
      /** Whose avatar or name is at map point (x, y) (not `exceptId`), or null. */
      personAt(x, y, exceptId) {
        return scene.avatars.personAt(x, y, exceptId);
      },
      /** Show an emote over someone's avatar. */
      showEmote(id, emote) {
        scene.avatars.emote(id, emote);
      },
      /** Let a remote avatar glide toward its new position. */
      movePerson(id, x, y) {
        scene.avatars.target(id, x, y);
      },
      /** Put my avatar (or anyone's) at a position now. */
      placePerson(id, x, y) {
        scene.avatars.place(id, x, y);
      },
      /** Pause drawing while the map is hidden (list mode); resume when shown. */
      setActive(active) {
        if (active) scene.game.loop.wake();
        else scene.game.loop.sleep();
      },
    };

    const hooks = {
      onReady(readyScene) {
        scene = readyScene;
        resolve(view);
      },
      onFrame,
      onTap,
      onResize() {
        if (scene) fitCamera();
      },
    };

    new Phaser.Game({
      // Canvas works everywhere, including headless browsers and machines without a GPU.
      type: Phaser.CANVAS,
      parent,
      backgroundColor: BACKGROUND,
      banner: false,
      audio: { noAudio: true },
      input: { keyboard: false, gamepad: false }, // keys are read by keyboard.js, not Phaser
      render: { antialias: true, roundPixels: true },
      scale: {
        mode: Phaser.Scale.RESIZE,
        width: Math.max(parent.clientWidth, 1),
        height: Math.max(parent.clientHeight, 1),
      },
      scene: new SpaceScene(hooks),
    });
  });
}

/** Load the tilesets' images (keyed by URL) that are not in the texture cache yet. */
function loadTilesetImages(scene, tilesets) {
  const missing = tilesets.filter((ts) => ts.image && !scene.textures.exists(ts.image));
  if (!missing.length) return Promise.resolve();
  return new Promise((resolve) => {
    for (const ts of missing) scene.load.image(ts.image, ts.image);
    scene.load.once("complete", resolve);
    scene.load.start();
  });
}

/** A Phaser tilemap of `mapJson` with its tile layers below or above the avatars. */
function buildTilemap(scene, key, mapJson) {
  scene.cache.tilemap.remove(key);
  scene.cache.tilemap.add(key, { format: Phaser.Tilemaps.Formats.TILED_JSON, data: mapJson });
  const tilemap = scene.make.tilemap({ key });
  const tilesets = mapJson.tilesets
    .filter((ts) => scene.textures.exists(ts.image))
    .map((ts) => tilemap.addTilesetImage(ts.name, ts.image, ts.tilewidth, ts.tileheight, ts.margin ?? 0, ts.spacing ?? 0));
  // Tile layers after the `floorLayer` object layer are drawn in front of the avatars.
  const order = layerOrder(mapJson.layers);
  const floorIndex = order.indexOf("floorLayer");
  tilemap.layers.forEach((layerData, index) => {
    const layer = tilemap.createLayer(layerData.name, tilesets, 0, 0);
    if (!layer) return;
    const position = order.indexOf(layerData.name);
    layer.setDepth(floorIndex >= 0 && position > floorIndex ? ABOVE_AVATARS + index : index);
  });
  return tilemap;
}

/** Layer names in drawing order, group layers flattened the way Phaser names them. */
function layerOrder(layers, prefix = "", out = []) {
  for (const layer of layers ?? []) {
    if (layer.type === "group") layerOrder(layer.layers, `${prefix}${layer.name}/`, out);
    else out.push(`${prefix}${layer.name}`);
  }
  return out;
}
