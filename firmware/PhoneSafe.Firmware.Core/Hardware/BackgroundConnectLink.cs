using System;
using System.Diagnostics;
using System.Threading;

namespace PhoneSafe.Firmware.Core.Hardware
{
    /// <summary>
    /// The base of a message link whose connect blocks (DNS, TCP, TLS, waiting for CONNACK: tens of seconds on a bad
    /// network). <see cref="BeginConnect"/> hands the attempt to the link's own worker thread and returns at once, so
    /// the main loop, which handles badges and doors, never waits for the network. The hand-over is bounded: one attempt
    /// at a time; another <see cref="BeginConnect"/> while one is under way is refused, never queued.
    /// A subclass implements <see cref="ConnectBlocking"/> and the rest of <see cref="IMessageLink"/>.
    /// </summary>
    public abstract class BackgroundConnectLink : IMessageLink, IDisposable
    {
        private readonly object _gate = new object();
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private Thread _worker;
        private bool _connecting;
        private bool _stopping;
        private string _clientId;
        private string _willTopic;
        private byte[] _willPayload;

        /// <inheritdoc/>
        public event MessageReceivedHandler MessageReceived;

        /// <inheritdoc/>
        public abstract bool IsConnected { get; }

        /// <inheritdoc/>
        public bool IsConnecting
        {
            get
            {
                lock (_gate)
                {
                    return _connecting;
                }
            }
        }

        /// <summary>Gets how many connection attempts ran on the worker thread and ended (connected or not).</summary>
        public long FinishedAttempts { get; private set; }

        /// <summary>
        /// Hands a connection attempt to the worker thread (started on first use) and returns without waiting.
        /// </summary>
        /// <param name="clientId">MQTT client identifier.</param>
        /// <param name="willTopic">Topic of the retained Last Will message.</param>
        /// <param name="willPayload">Payload of the Last Will message.</param>
        /// <returns>false when an attempt is already under way or the link is disposed.</returns>
        public bool BeginConnect(string clientId, string willTopic, byte[] willPayload)
        {
            lock (_gate)
            {
                if (_connecting || _stopping)
                {
                    return false;
                }

                _connecting = true;
                _clientId = clientId;
                _willTopic = willTopic;
                _willPayload = willPayload;
                if (_worker == null)
                {
                    _worker = new Thread(Work);
                    _worker.Start();
                }
            }

            _wake.Set();
            return true;
        }

        /// <inheritdoc/>
        public abstract void Disconnect();

        /// <inheritdoc/>
        public abstract bool Publish(string topic, byte[] payload, bool retain);

        /// <inheritdoc/>
        public abstract void Subscribe(string[] topics);

        /// <summary>
        /// Stops the worker thread once the attempt under way (if any) has ended, and closes the connection.
        /// </summary>
        public void Dispose()
        {
            Thread worker;
            lock (_gate)
            {
                _stopping = true;
                worker = _worker;
            }

            _wake.Set();
            if (worker != null)
            {
                worker.Join();
            }

            Close();
        }

        /// <summary>
        /// Connects, blocking as long as the transport needs. Runs on the worker thread, never on the main loop.
        /// An exception counts as a failed attempt.
        /// </summary>
        /// <param name="clientId">MQTT client identifier.</param>
        /// <param name="willTopic">Topic of the retained Last Will message.</param>
        /// <param name="willPayload">Payload of the Last Will message.</param>
        /// <returns>true when connected; <see cref="IsConnected"/> must be true before this returns.</returns>
        protected abstract bool ConnectBlocking(string clientId, string willTopic, byte[] willPayload);

        /// <summary>
        /// Closes the connection without DISCONNECT (on <see cref="Dispose"/>).
        /// </summary>
        protected abstract void Close();

        /// <summary>
        /// Raises <see cref="MessageReceived"/> (from the transport's thread).
        /// </summary>
        /// <param name="topic">The MQTT topic.</param>
        /// <param name="payload">The message bytes.</param>
        protected void OnMessageReceived(string topic, byte[] payload)
        {
            MessageReceivedHandler handler = MessageReceived;
            if (handler != null)
            {
                handler(topic, payload);
            }
        }

        private void Work()
        {
            while (true)
            {
                _wake.WaitOne();
                string clientId;
                string willTopic;
                byte[] willPayload;
                lock (_gate)
                {
                    if (_stopping)
                    {
                        _connecting = false;
                        return;
                    }

                    if (!_connecting)
                    {
                        continue;
                    }

                    clientId = _clientId;
                    willTopic = _willTopic;
                    willPayload = _willPayload;
                }

                try
                {
                    ConnectBlocking(clientId, willTopic, willPayload);
                }
                catch (Exception ex)
                {
                    // DNS, socket, TLS and timeout failures of any transport: the core retries with back-off.
                    Debug.WriteLine("connect failed: " + ex.Message);
                }

                lock (_gate)
                {
                    // IsConnected already shows the outcome: whoever sees IsConnecting false may read it.
                    _connecting = false;
                    FinishedAttempts++;
                }
            }
        }
    }
}
