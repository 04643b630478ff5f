/**
 * Mixes any number of audio tracks into one (Web Audio): each track feeds a source node into a
 * single MediaStreamAudioDestinationNode, whose track the recorder records. Tracks come and go as
 * people join and leave; a destination with no inputs yields silence, so the file always has audio.
 */
export class AudioMixer {
  private readonly context = new AudioContext();
  private readonly destination = this.context.createMediaStreamDestination();
  private readonly inputs = new Map<string, MediaStreamAudioSourceNode>();

  /** The mixed track (lives until `close`). */
  get track(): MediaStreamTrack {
    return this.destination.stream.getAudioTracks()[0]!;
  }

  /** Mixes exactly these tracks from now on. */
  set(tracks: readonly MediaStreamTrack[]): void {
    const live = new Map(tracks.filter((t) => t.readyState === 'live').map((t) => [t.id, t]));
    for (const [id, node] of this.inputs) {
      if (live.has(id)) continue;
      node.disconnect();
      this.inputs.delete(id);
    }
    for (const [id, track] of live) {
      if (this.inputs.has(id)) continue;
      const node = this.context.createMediaStreamSource(new MediaStream([track]));
      node.connect(this.destination);
      this.inputs.set(id, node);
    }
  }

  /** A context created outside a user gesture starts suspended. */
  resume(): Promise<void> {
    return this.context.state === 'suspended' ? this.context.resume() : Promise.resolve();
  }

  close(): void {
    for (const node of this.inputs.values()) node.disconnect();
    this.inputs.clear();
    this.track.stop();
    void this.context.close();
  }
}
