// The baseline of the browser audio benches: two RTCPeerConnections in one page, one sending `stream`, the other
// playing it (Chromium decodes and measures remote audio only while something plays it, as the kit's seats do).
export interface DirectPair {
  readonly pc1: RTCPeerConnection;
  readonly pc2: RTCPeerConnection;
  readonly audio: HTMLAudioElement;
  close(): void;
}

/** Negotiated (offer and answer set on both sides); ICE and DTLS proceed on their own from here. */
export async function directPair(stream: MediaStream): Promise<DirectPair> {
  const pc1 = new RTCPeerConnection();
  const pc2 = new RTCPeerConnection();
  pc1.onicecandidate = (e) => void (e.candidate && pc2.addIceCandidate(e.candidate));
  pc2.onicecandidate = (e) => void (e.candidate && pc1.addIceCandidate(e.candidate));
  const audio = document.createElement('audio');
  audio.autoplay = true;
  pc2.ontrack = (e) => {
    audio.srcObject = new MediaStream([e.track]);
    void audio.play().catch(() => undefined);
  };
  pc1.addTrack(stream.getAudioTracks()[0]!, stream);
  await pc1.setLocalDescription(await pc1.createOffer());
  await pc2.setRemoteDescription(pc1.localDescription!);
  await pc2.setLocalDescription(await pc2.createAnswer());
  await pc1.setRemoteDescription(pc2.localDescription!);
  return {
    pc1,
    pc2,
    audio,
    close() {
      pc1.close();
      pc2.close();
      audio.srcObject = null;
    },
  };
}
