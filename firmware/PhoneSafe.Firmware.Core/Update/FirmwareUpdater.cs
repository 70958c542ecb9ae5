using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Core.Update
{
    /// <summary>
    /// Over-the-air updates on the locker: takes a signed manifest, receives the image chunk by chunk into the free slot
    /// (resuming where it stopped after a power cut), checks its SHA-256 and layout, sets it on trial and asks for a
    /// restart; on trial, keeps it once the gateway confirms it and rolls back when no confirmation comes in time.
    /// Every step is reported to the gateway (<see cref="UpdateProgress"/>). Journal and settings are never touched:
    /// images and the boot record live in <see cref="IFirmwareStorage"/>, and the download's own state in two settings.
    /// </summary>
    public sealed class FirmwareUpdater
    {
        /// <summary>The version of this build, reported while the application deployed with the loader runs.</summary>
        public const string BuildVersion = "1.0.0";

        /// <summary>A firmware on trial that is not confirmed by the gateway within this time after boot is rolled back (ms).</summary>
        public const long TrialMilliseconds = 600000;

        /// <summary>Chunks the gateway sends per request; the locker asks for the next ones after each such window.</summary>
        public const int ChunksPerRequest = 8;

        /// <summary>While receiving, the locker asks again when no chunk arrived for this long (ms).</summary>
        public const long RequestAgainMilliseconds = 15000;

        /// <summary>The settings name of the signed manifest being received (re-verified at start).</summary>
        public const string ManifestSetting = "fwManifest";

        /// <summary>The settings name of the number of chunks received and written.</summary>
        public const string ReceivedSetting = "fwReceived";

        private readonly IFirmwareStorage _storage;
        private readonly ISettingsStore _settings;
        private readonly LockerSettings _locker;
        private BootRecord _boot;
        private UpdateManifest _manifest;
        private int _received;
        private string _state = UpdateState.Idle;
        private string _target = string.Empty;
        private string _reason = string.Empty;
        private long _trialEndsMilliseconds;
        private long _lastRequestMilliseconds;
        private bool _wasOnline;

        /// <summary>
        /// Initializes a new instance of the <see cref="FirmwareUpdater"/> class.
        /// </summary>
        /// <param name="storage">Image slots and boot record.</param>
        /// <param name="settings">The settings store (download state).</param>
        /// <param name="locker">Identity and keys.</param>
        public FirmwareUpdater(IFirmwareStorage storage, ISettingsStore settings, LockerSettings locker)
        {
            _storage = storage;
            _settings = settings;
            _locker = locker;
        }

        /// <summary>Gets the firmware version running now.</summary>
        public string RunningVersion { get; private set; }

        /// <summary>Gets a value indicating whether the running firmware is on trial (not yet confirmed).</summary>
        public bool IsOnTrial => _state == UpdateState.Trial;

        /// <summary>Gets a value indicating whether the locker must restart (a new firmware to try, or a roll back).</summary>
        public bool RestartRequested { get; private set; }

        /// <summary>Gets the current report.</summary>
        public UpdateProgress Progress => new UpdateProgress
        {
            Running = RunningVersion,
            State = _state,
            Target = _target,
            Next = _state == UpdateState.Receiving ? _received : 0,
            Reason = _reason,
        };

        /// <summary>
        /// Reads the boot record and any download under way; a firmware on trial gets <see cref="TrialMilliseconds"/> from now.
        /// </summary>
        /// <param name="nowMilliseconds">Uptime now.</param>
        public void Start(long nowMilliseconds)
        {
            _boot = BootRecord.Decode(_storage.ReadBootRecord());
            RunningVersion = _boot.Trial.Length != 0 ? _boot.TrialVersion : _boot.ActiveVersion.Length != 0 ? _boot.ActiveVersion : BuildVersion;
            byte[] saved = _settings.Read(ManifestSetting);
            if (_boot.Trial.Length != 0)
            {
                Set(UpdateState.Trial, _boot.TrialVersion, string.Empty);
                _trialEndsMilliseconds = nowMilliseconds + TrialMilliseconds;
            }
            else if (saved != null && saved.Length != 0
                && UpdateCodec.TryDecode(saved, _locker.Device, _locker.DeviceKey, out UpdateMessage message, out _) && message.Manifest != null)
            {
                _manifest = message.Manifest;
                _received = (int)Journal.Settings.ToLong(_settings.Read(ReceivedSetting));
                Set(UpdateState.Receiving, _manifest.Version, string.Empty);
            }
            else if (_boot.RolledBack.Length != 0)
            {
                Set(UpdateState.RolledBack, _boot.RolledBack, string.Empty);
            }
        }

        /// <summary>
        /// Handles a message of the update topic.
        /// </summary>
        /// <param name="payload">The message bytes.</param>
        /// <param name="nowMilliseconds">Uptime now.</param>
        /// <param name="report">A report to send the gateway, or null.</param>
        /// <returns>false when the message was refused (not authentic or malformed).</returns>
        public bool Handle(byte[] payload, long nowMilliseconds, out UpdateProgress report)
        {
            report = null;
            if (!UpdateCodec.TryDecode(payload, _locker.Device, _locker.DeviceKey, out UpdateMessage message, out _))
            {
                return false;
            }

            if (message.Action == UpdateCodec.Manifest)
            {
                report = HandleManifest(payload, message.Manifest, nowMilliseconds);
            }
            else if (message.Action == UpdateCodec.Chunk)
            {
                report = HandleChunk(message, nowMilliseconds);
            }
            else if (message.Version == RunningVersion)
            {
                if (_state == UpdateState.Trial)
                {
                    _boot.Confirm();
                    _storage.WriteBootRecord(_boot.Encode());
                    Set(UpdateState.Confirmed, RunningVersion, string.Empty);
                }

                report = Progress;
            }

            return true;
        }

        /// <summary>
        /// Reports on (re)connecting, asks again for chunks that did not come, and rolls a trial back when its time is up.
        /// Call once per main-loop pass.
        /// </summary>
        /// <param name="nowMilliseconds">Uptime now.</param>
        /// <param name="online">Whether the uplink is connected.</param>
        /// <returns>A report to send the gateway, or null.</returns>
        public UpdateProgress Update(long nowMilliseconds, bool online)
        {
            if (_state == UpdateState.Trial && nowMilliseconds >= _trialEndsMilliseconds)
            {
                _boot.RollBack();
                _storage.WriteBootRecord(_boot.Encode());
                Set(UpdateState.RolledBack, _boot.RolledBack, string.Empty);
                RestartRequested = true;
                return Progress;
            }

            if (!online)
            {
                _wasOnline = false;
                return null;
            }

            if (!_wasOnline || (_state == UpdateState.Receiving && nowMilliseconds - _lastRequestMilliseconds >= RequestAgainMilliseconds))
            {
                _wasOnline = true;
                _lastRequestMilliseconds = nowMilliseconds;
                return Progress;
            }

            return null;
        }

        private UpdateProgress HandleManifest(byte[] payload, UpdateManifest manifest, long nowMilliseconds)
        {
            bool resume = _state == UpdateState.Receiving && _manifest.Version == manifest.Version && _manifest.Sha256 == manifest.Sha256;
            if (_state != UpdateState.Trial && !resume && manifest.Version != RunningVersion)
            {
                _storage.Clear(FreeSlot());
                _settings.Write(ReceivedSetting, Journal.Settings.FromLong(0));
                _settings.Write(ManifestSetting, payload);
                _manifest = manifest;
                _received = 0;
                Set(UpdateState.Receiving, manifest.Version, string.Empty);
            }

            _lastRequestMilliseconds = nowMilliseconds;
            return Progress;
        }

        private UpdateProgress HandleChunk(UpdateMessage chunk, long nowMilliseconds)
        {
            if (_state != UpdateState.Receiving || chunk.Version != _manifest.Version || chunk.Index != _received)
            {
                return null;
            }

            int offset = chunk.Index * UpdateCodec.ChunkBytes;
            int expected = _manifest.SizeBytes - offset < UpdateCodec.ChunkBytes ? _manifest.SizeBytes - offset : UpdateCodec.ChunkBytes;
            if (chunk.Data.Length != expected)
            {
                return null;
            }

            _storage.Write(FreeSlot(), offset, chunk.Data);
            _received++;
            _settings.Write(ReceivedSetting, Journal.Settings.FromLong(_received));
            _lastRequestMilliseconds = nowMilliseconds;
            if (_received == _manifest.Chunks)
            {
                return Finish();
            }

            return _received % ChunksPerRequest == 0 ? Progress : null;
        }

        // The whole image is in the free slot: check it, then set it on trial and restart into it.
        private UpdateProgress Finish()
        {
            string slot = FreeSlot();
            string why = Check(slot);
            _settings.Write(ManifestSetting, new byte[0]);
            if (why != null)
            {
                _storage.Clear(slot);
                Set(UpdateState.Failed, _manifest.Version, why);
                return Progress;
            }

            _boot.Trial = slot;
            _boot.TrialVersion = _manifest.Version;
            _boot.TrialBoots = 0;
            _boot.RolledBack = string.Empty;
            _storage.WriteBootRecord(_boot.Encode());
            RestartRequested = true;
            UpdateProgress report = Progress;
            Set(UpdateState.Idle, string.Empty, string.Empty);
            return report;
        }

        private string Check(string slot)
        {
            Sha256 hash = new Sha256();
            byte[] buffer = new byte[UpdateCodec.ChunkBytes];
            for (int offset = 0; offset < _manifest.SizeBytes; offset += UpdateCodec.ChunkBytes)
            {
                int read = _storage.Read(slot, offset, buffer, buffer.Length);
                hash.Append(buffer, 0, read);
            }

            if (Hex.Encode(hash.Finish()) != _manifest.Sha256)
            {
                return UpdateState.BadHash;
            }

            byte[] head = new byte[FirmwareImage.MaxHeaderBytes];
            int headLength = _storage.Read(slot, 0, head, head.Length);
            return FirmwareImage.TryReadHeader(head, headLength, _manifest.SizeBytes, out _, out _, out _) ? null : UpdateState.BadImage;
        }

        private string FreeSlot()
        {
            string running = _boot.Trial.Length != 0 ? _boot.Trial : _boot.Active;
            return running == "a" ? "b" : "a";
        }

        private void Set(string state, string target, string reason)
        {
            _state = state;
            _target = target;
            _reason = reason;
        }
    }
}
