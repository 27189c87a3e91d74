/**
 * The browser's media objects for calls: my microphone, camera and screen, and peer
 * connections. CallsState takes them from here so that node tests can hand it fakes.
 */

/** Devices chosen in the device check (deviceId or ""), kept for the page. */
export const chosen = { microphone: "", camera: "" };

const exact = (id) => (id ? { deviceId: { exact: id } } : {});

export const browserMedia = {
  async microphone() {
    const audio = { echoCancellation: true, noiseSuppression: true, autoGainControl: true, ...exact(chosen.microphone) };
    const stream = await navigator.mediaDevices.getUserMedia({ audio });
    return stream.getAudioTracks()[0];
  },
  async camera() {
    const video = { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { max: 24 }, ...exact(chosen.camera) };
    const stream = await navigator.mediaDevices.getUserMedia({ video });
    return stream.getVideoTracks()[0];
  },
  async screen() {
    const stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { max: 10 } }, audio: false });
    return stream.getVideoTracks()[0];
  },
  connection: (config) => new RTCPeerConnection(config),
  stream: () => new MediaStream(),
};

/** The microphones, cameras and speakers the browser lists (labels once permitted). */
export async function listDevices() {
  const devices = await navigator.mediaDevices.enumerateDevices();
  const of = (kind) => devices.filter((d) => d.kind === kind).map((d, i) => ({ id: d.deviceId, label: d.label || `${kind} ${i + 1}` }));
  return { microphones: of("audioinput"), cameras: of("videoinput"), speakers: of("audiooutput") };
}
