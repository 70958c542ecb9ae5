using System;
using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Firmware.Virtual
{
    /// <summary>
    /// A reader a test or the simulator holds cards to. A card stays in the field until removed.
    /// </summary>
    public sealed class VirtualBadgeReader : IBadgeReader
    {
        private byte[] _card;

        /// <summary>Gets or sets a value indicating whether the reader has locked up (stops answering and reading).</summary>
        public bool LockedUp { get; set; }

        /// <summary>Gets or sets a value indicating whether every call throws, as a binding does when the SPI bus fails; a reset clears it.</summary>
        public bool Throws { get; set; }

        /// <summary>Gets or sets how many of the next resets leave the reader locked up.</summary>
        public int FailingResets { get; set; }

        /// <summary>Gets how many times the reader was reset.</summary>
        public int ResetCount { get; private set; }

        /// <summary>
        /// Holds a card to the reader until <see cref="Remove"/>.
        /// </summary>
        /// <param name="uid">The card UID.</param>
        public void Present(byte[] uid)
        {
            _card = uid;
        }

        /// <summary>Takes the card away.</summary>
        public void Remove()
        {
            _card = null;
        }

        /// <inheritdoc/>
        public bool TryReadBadge(out byte[] uid)
        {
            if (Throws)
            {
                throw new InvalidOperationException("SPI transfer failed");
            }

            uid = LockedUp ? null : _card;
            return uid != null;
        }

        /// <inheritdoc/>
        public bool IsResponding()
        {
            if (Throws)
            {
                throw new InvalidOperationException("SPI transfer failed");
            }

            return !LockedUp;
        }

        /// <inheritdoc/>
        public void Reset()
        {
            ResetCount++;
            if (FailingResets > 0)
            {
                FailingResets--;
                return;
            }

            LockedUp = false;
            Throws = false;
        }
    }
}
