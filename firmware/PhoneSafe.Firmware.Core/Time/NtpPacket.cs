using System;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Core.Time
{
    /// <summary>
    /// The 48-byte (S)NTP message (RFC 4330): a client request, and the server's transmit time read from a reply.
    /// </summary>
    public static class NtpPacket
    {
        /// <summary>Bytes in a message without extensions.</summary>
        public const int Size = 48;

        /// <summary>The NTP server port.</summary>
        public const int Port = 123;

        private const byte ClientRequest = (0 << 6) | (4 << 3) | 3;  // LI 0, version 4, mode 3 (client)
        private const int ServerMode = 4;
        private const int TransmitTimestampOffset = 40;
        private const long SecondsPerEra = 1L << 32;
        private static readonly DateTime s_era0 = IsoTime.Utc(1900, 1, 1, 0, 0, 0);

        /// <summary>
        /// Builds a client request.
        /// </summary>
        /// <returns>The 48 bytes to send to port 123.</returns>
        public static byte[] CreateRequest()
        {
            byte[] request = new byte[Size];
            request[0] = ClientRequest;
            return request;
        }

        /// <summary>
        /// Reads the server's transmit time from a reply.
        /// </summary>
        /// <param name="reply">The bytes received.</param>
        /// <param name="length">How many of them.</param>
        /// <param name="utc">The server time, in UTC, when the reply is a usable server answer.</param>
        /// <returns>false for a short reply, not a server reply, an unsynchronised server (stratum 0 or 16 and over,
        /// or leap indicator 3) or a zero transmit time.</returns>
        public static bool TryReadTransmitTime(byte[] reply, int length, out DateTime utc)
        {
            utc = DateTime.MinValue;
            if (reply == null || length < Size || reply.Length < Size)
            {
                return false;
            }

            int leap = reply[0] >> 6;
            int mode = reply[0] & 0x07;
            int stratum = reply[1];
            long seconds = ((long)reply[TransmitTimestampOffset] << 24) | ((long)reply[TransmitTimestampOffset + 1] << 16)
                | ((long)reply[TransmitTimestampOffset + 2] << 8) | reply[TransmitTimestampOffset + 3];
            long fraction = ((long)reply[TransmitTimestampOffset + 4] << 24) | ((long)reply[TransmitTimestampOffset + 5] << 16)
                | ((long)reply[TransmitTimestampOffset + 6] << 8) | reply[TransmitTimestampOffset + 7];
            if (mode != ServerMode || leap == 3 || stratum == 0 || stratum >= 16 || (seconds == 0 && fraction == 0))
            {
                return false;
            }

            // RFC 4330 section 3: with the top bit clear the time is in era 1, from 2036-02-07 06:28:16 UTC.
            if ((seconds & 0x80000000L) == 0)
            {
                seconds += SecondsPerEra;
            }

            long ticks = (seconds * TimeSpan.TicksPerSecond) + ((fraction * TimeSpan.TicksPerSecond) >> 32);
            utc = new DateTime(s_era0.Ticks + ticks, DateTimeKind.Utc);
            return true;
        }
    }
}
