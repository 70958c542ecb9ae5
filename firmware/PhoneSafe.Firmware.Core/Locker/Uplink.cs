using System.Collections;
using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Journal;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Core.Locker
{
    /// <summary>
    /// Keeps the MQTT link up (with back-off), sends journaled events in order and takes in what the gateway sends.
    /// Incoming messages are queued by the transport thread and handled on the main loop. Nothing here waits for the
    /// network: a connection attempt runs on the link's own thread (<see cref="IMessageLink.BeginConnect"/>) and
    /// publishing only queues.
    /// </summary>
    public sealed class Uplink
    {
        /// <summary>Most events published per main-loop pass, so taps stay responsive during a backlog.</summary>
        public const int MaxEventsPerPass = 16;

        /// <summary>Most incoming messages held before the main loop takes them; more are dropped and counted.</summary>
        public const int MaxQueuedMessages = 32;

        /// <summary>
        /// Unacknowledged events are sent again when this long has passed (ms) without a new acknowledgement since the
        /// oldest of them was sent.
        /// </summary>
        public const long ResendAfterMilliseconds = 30000;

        /// <summary>
        /// Most events sent beyond the last acknowledgement (a send window). Without it, a thousand lockers reconnecting
        /// with full journals queue everything at the broker at once, acknowledgements come back later than
        /// <see cref="ResendAfterMilliseconds"/>, and every locker sends its whole journal again.
        /// </summary>
        public const int MaxUnacknowledged = 64;

        private const long FirstBackoffMilliseconds = 1000;
        private const long MaxBackoffMilliseconds = 60000;

        private readonly IMessageLink _link;
        private readonly EventJournal _journal;
        private readonly LockerSettings _settings;
        private readonly ArrayList _inbox = new ArrayList();
        private bool _wasConnected;
        private bool _attemptUnderWay;
        private long _nextAttemptMilliseconds;
        private long _backoffMilliseconds = FirstBackoffMilliseconds;
        private long _nextToSend;
        private long _lastProgressMilliseconds;

        /// <summary>
        /// Initializes a new instance of the <see cref="Uplink"/> class.
        /// </summary>
        /// <param name="link">The MQTT link.</param>
        /// <param name="journal">The event journal.</param>
        /// <param name="settings">Identity and keys.</param>
        public Uplink(IMessageLink link, EventJournal journal, LockerSettings settings)
        {
            _link = link;
            _journal = journal;
            _settings = settings;
            _link.MessageReceived += OnMessageReceived;
        }

        /// <summary>Gets how many connection attempts failed since start.</summary>
        public long FailedConnects { get; private set; }

        /// <summary>Gets how many incoming messages were dropped because the queue was full.</summary>
        public long DroppedMessages { get; private set; }

        /// <summary>Gets how many incoming messages were refused (bad tag, wrong device, malformed).</summary>
        public long RejectedMessages { get; private set; }

        /// <summary>
        /// Starts a connection attempt when due (without waiting for it), then publishes the next events. Call once per
        /// main-loop pass.
        /// </summary>
        /// <param name="nowMilliseconds">Uptime now.</param>
        public void Pump(long nowMilliseconds)
        {
            // IsConnecting is read first: once it is false the link's IsConnected shows the attempt's outcome.
            bool connecting = _link.IsConnecting;
            if (!_link.IsConnected)
            {
                _wasConnected = false;
                if (connecting)
                {
                    return;
                }

                if (_attemptUnderWay)
                {
                    _attemptUnderWay = false;
                    ConnectFailed(nowMilliseconds);
                    return;
                }

                if (nowMilliseconds < _nextAttemptMilliseconds)
                {
                    return;
                }

                string statusTopic = Topics.For(_settings.School, _settings.Device, TopicKind.Status);
                if (!_link.BeginConnect(BrokerAccount.UserName(_settings.School, _settings.Device), statusTopic, System.Text.Encoding.UTF8.GetBytes(Topics.Offline)))
                {
                    ConnectFailed(nowMilliseconds);
                    return;
                }

                if (!_link.IsConnected)
                {
                    // Under way on the link's own thread (or failed at once): the main loop goes on and looks again next pass.
                    _attemptUnderWay = true;
                    return;
                }
            }

            _attemptUnderWay = false;
            if (!_wasConnected)
            {
                OnConnected(nowMilliseconds);
            }

            if (_nextToSend > _journal.AckedThrough + 1 && nowMilliseconds - _lastProgressMilliseconds > ResendAfterMilliseconds)
            {
                _nextToSend = _journal.OldestPendingSequence;
                _lastProgressMilliseconds = nowMilliseconds;
            }

            if (_nextToSend < _journal.OldestPendingSequence)
            {
                _nextToSend = _journal.OldestPendingSequence;
            }

            string topic = Topics.For(_settings.School, _settings.Device, TopicKind.Events);
            long windowEnd = _journal.OldestPendingSequence - 1 + MaxUnacknowledged;
            for (int i = 0; i < MaxEventsPerPass && _nextToSend <= _journal.NewestSequence && _nextToSend <= windowEnd; i++)
            {
                if (_nextToSend == _journal.OldestPendingSequence)
                {
                    // Nothing in flight: the wait for an acknowledgement starts now, not at the last one (maybe long ago).
                    _lastProgressMilliseconds = nowMilliseconds;
                }

                LockerEvent lockerEvent = _journal.Read(_nextToSend);
                if (lockerEvent != null && !_link.Publish(topic, EventCodec.Encode(lockerEvent, _settings.DeviceKey), false))
                {
                    return;
                }

                _nextToSend++;
            }
        }

        /// <summary>
        /// Takes the queued incoming messages, oldest first.
        /// </summary>
        /// <returns>Pairs of topic (index 2n) and payload (index 2n + 1); empty when none.</returns>
        public object[] TakeMessages()
        {
            lock (_inbox)
            {
                object[] messages = _inbox.ToArray();
                _inbox.Clear();
                return messages;
            }
        }

        /// <summary>
        /// Handles an acknowledgement payload: verifies it and lets the journal drop what it covers.
        /// </summary>
        /// <param name="payload">The message bytes.</param>
        /// <param name="nowMilliseconds">Uptime now.</param>
        public void HandleAck(byte[] payload, long nowMilliseconds)
        {
            if (!AckCodec.TryDecode(payload, _settings.Device, _settings.DeviceKey, out long sequence, out _))
            {
                RejectedMessages++;
                return;
            }

            if (_journal.Acknowledge(sequence))
            {
                _lastProgressMilliseconds = nowMilliseconds;
            }
            else if (sequence < _journal.AckedThrough && _journal.Rewind(sequence))
            {
                // The gateway lost events it had acknowledged (restored from a backup): send them again from there.
                _nextToSend = _journal.OldestPendingSequence;
                _lastProgressMilliseconds = nowMilliseconds;
            }
        }

        /// <summary>
        /// Tells the gateway what became of a command (QoS 1, not journaled: a result lost with the connection leaves the
        /// command to expire at the gateway, while what the command did is in the journaled events).
        /// </summary>
        /// <param name="result">The result.</param>
        public void PublishResult(CommandResult result)
        {
            _link.Publish(Topics.For(_settings.School, _settings.Device, TopicKind.Result), ResultCodec.Encode(_settings.Device, result, _settings.DeviceKey), false);
        }

        /// <summary>
        /// Reports the firmware version and update progress (QoS 1, not journaled: the locker reports again on every
        /// connection and while receiving, so a lost report only delays the next step).
        /// </summary>
        /// <param name="progress">The report.</param>
        public void PublishProgress(UpdateProgress progress)
        {
            _link.Publish(Topics.For(_settings.School, _settings.Device, TopicKind.Progress), ProgressCodec.Encode(_settings.Device, progress, _settings.DeviceKey), false);
        }

        /// <summary>
        /// Counts a refused incoming message.
        /// </summary>
        public void CountRejected()
        {
            RejectedMessages++;
        }

        private void ConnectFailed(long nowMilliseconds)
        {
            FailedConnects++;
            _nextAttemptMilliseconds = nowMilliseconds + _backoffMilliseconds;
            _backoffMilliseconds = _backoffMilliseconds * 2 > MaxBackoffMilliseconds ? MaxBackoffMilliseconds : _backoffMilliseconds * 2;
        }

        private void OnConnected(long nowMilliseconds)
        {
            _backoffMilliseconds = FirstBackoffMilliseconds;
            _wasConnected = true;
            _nextToSend = _journal.OldestPendingSequence;
            _lastProgressMilliseconds = nowMilliseconds;
            _link.Subscribe(new string[]
            {
                Topics.For(_settings.School, _settings.Device, TopicKind.Ack),
                Topics.For(_settings.School, _settings.Device, TopicKind.Config),
                Topics.For(_settings.School, _settings.Device, TopicKind.Command),
                Topics.For(_settings.School, _settings.Device, TopicKind.Restore),
                Topics.For(_settings.School, _settings.Device, TopicKind.Update),
            });
            _link.Publish(Topics.For(_settings.School, _settings.Device, TopicKind.Status), System.Text.Encoding.UTF8.GetBytes(Topics.Online), true);
        }

        private void OnMessageReceived(string topic, byte[] payload)
        {
            lock (_inbox)
            {
                if (_inbox.Count >= MaxQueuedMessages * 2)
                {
                    DroppedMessages++;
                    return;
                }

                _inbox.Add(topic);
                _inbox.Add(payload);
            }
        }

        /// <summary>Gets a value indicating whether the link was up at the last pass.</summary>
        public bool IsOnline => _wasConnected && _link.IsConnected;
    }
}
