// What a sandbox call's recording holds, since no call took place: a short WAV of two soft tones,
// made here so the demo can play a recording without a provider.
const SAMPLE_RATE = 8000;

export function sandboxRecordingWav(seconds = 2): Buffer {
  const samples = SAMPLE_RATE * seconds;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0, 'latin1');
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVE', 8, 'latin1');
  wav.write('fmt ', 12, 'latin1');
  wav.writeUInt32LE(16, 16); // the format chunk's size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(SAMPLE_RATE, 24);
  wav.writeUInt32LE(SAMPLE_RATE * 2, 28); // bytes per second
  wav.writeUInt16LE(2, 32); // bytes per sample
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write('data', 36, 'latin1');
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) {
    const t = i / SAMPLE_RATE;
    const frequency = t < seconds / 2 ? 440 : 660;
    // Faded in and out, so it starts and ends without a click.
    const envelope = Math.min(1, t * 20, (seconds - t) * 20);
    wav.writeInt16LE(Math.round(Math.sin(2 * Math.PI * frequency * t) * 6000 * envelope), 44 + i * 2);
  }
  return wav;
}
