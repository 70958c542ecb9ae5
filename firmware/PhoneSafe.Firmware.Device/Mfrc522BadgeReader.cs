using System;
using System.Device.Gpio;
using System.Device.Spi;
using Iot.Device.Mfrc522;
using Iot.Device.Rfid;
using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Firmware.Device
{
    /// <summary>
    /// An <see cref="IBadgeReader"/> over an NXP MFRC522 on SPI, with its NRSTPD pin wired to a GPIO.
    /// </summary>
    public sealed class Mfrc522BadgeReader : IBadgeReader, IDisposable
    {
        // Non-zero on purpose: some binding versions spin until a card appears when given a zero timeout.
        private static readonly TimeSpan s_pollTimeout = TimeSpan.FromMilliseconds(30);

        private readonly SpiDevice _spiDevice;
        private readonly int _resetPin;
        private readonly GpioController _controller;
        private readonly bool _shouldDispose;
        private MfRc522 _reader;

        /// <summary>
        /// Initializes a new instance of the <see cref="Mfrc522BadgeReader"/> class and resets the reader.
        /// </summary>
        /// <param name="spiDevice">The SPI device of the reader (mode 0, at most 10 MHz). Disposed with this object.</param>
        /// <param name="resetPin">The GPIO wired to the reader's NRSTPD pin (low = reset).</param>
        /// <param name="controller">The shared GPIO controller that drives <paramref name="resetPin"/>.</param>
        /// <param name="shouldDispose">true to dispose <paramref name="controller"/> with this object.</param>
        public Mfrc522BadgeReader(SpiDevice spiDevice, int resetPin, GpioController controller, bool shouldDispose = true)
        {
            _spiDevice = spiDevice ?? throw new ArgumentNullException(nameof(spiDevice));
            _controller = controller ?? throw new ArgumentNullException(nameof(controller));
            _resetPin = resetPin;
            _shouldDispose = shouldDispose;
            _reader = CreateReader();
        }

        /// <summary>
        /// Polls once for an ISO 14443 type A card. A card that was read is halted, so it is reported
        /// again only after it leaves the field and comes back.
        /// </summary>
        /// <param name="uid">The card UID (4, 7 or 10 bytes), or null when no card was read.</param>
        /// <returns>true when a card was read.</returns>
        public bool TryReadBadge(out byte[] uid)
        {
            uid = null;
            if (!_reader.ListenToCardIso14443TypeA(out Data106kbpsTypeA card, s_pollTimeout))
            {
                return false;
            }

            byte[] nfcId = card.NfcId;
            if (nfcId == null || nfcId.Length == 0)
            {
                return false;
            }

            uid = new byte[nfcId.Length];
            Array.Copy(nfcId, uid, nfcId.Length);
            _reader.Halt();
            return true;
        }

        /// <summary>
        /// Checks the SPI link by writing a receiver gain and reading it back. A missing or hung reader
        /// reads all zeros or all ones, which never match. (The version register is not used: clones
        /// report unknown version codes.)
        /// </summary>
        /// <returns>true when the reader echoed the value.</returns>
        public bool IsResponding()
        {
            Gain original = _reader.Gain;
            Gain probe = original == Gain.G38dB ? Gain.G43dB : Gain.G38dB;
            _reader.Gain = probe;
            bool echoed = _reader.Gain == probe;
            _reader.Gain = original;
            return echoed;
        }

        /// <summary>
        /// Pulses the reset pin and sets the reader registers up again.
        /// </summary>
        public void Reset()
        {
            // The old binding instance is dropped, not disposed: disposing it would dispose the SPI device.
            _reader = CreateReader();
        }

        /// <summary>
        /// Switches the antenna off and releases the SPI device, the reset pin and (if owned) the controller.
        /// </summary>
        public void Dispose()
        {
            _reader.Dispose();
            if (_shouldDispose)
            {
                _controller.Dispose();
            }
        }

        private MfRc522 CreateReader()
        {
            // The binding opens the reset pin itself, pulses it low, waits for the oscillator and sets its registers up.
            if (_controller.IsPinOpen(_resetPin))
            {
                _controller.ClosePin(_resetPin);
            }

            return new MfRc522(_spiDevice, _resetPin, _controller, false);
        }
    }
}
