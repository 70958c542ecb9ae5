using System;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Core.Journal
{
    /// <summary>
    /// The fixed 64-byte flash form of one event. Layout (little-endian):
    /// 0-1 magic "PS", 2 type code, 3 flags (1 synced, 2 has credential, 4 has subject, 8 has configuration version), 4-7 sequence,
    /// 8-11 boot, 12-15 seconds since 2000-01-01 UTC, 16-23 uptime ms, 24 compartment, 25-57 credential and
    /// subject hashes (16 bytes each, from byte 26; a config-applied event keeps its version in bytes 42-45 instead
    /// of a subject), 60-63 CRC-32 of bytes 0-59.
    /// </summary>
    public static class JournalRecord
    {
        /// <summary>Bytes of flash per record.</summary>
        public const int Size = 64;

        private const int CrcOffset = 60;
        private const int CredentialOffset = 26;
        private const int SubjectOffset = 42;
        private const int HashBytes = 16;
        private static readonly DateTime s_epoch = IsoTime.Utc(2000, 1, 1, 0, 0, 0);

        /// <summary>
        /// Writes an event into a 64-byte record.
        /// </summary>
        /// <param name="lockerEvent">The event; its type must be a known <see cref="EventType"/>.</param>
        /// <param name="record">A buffer of <see cref="Size"/> bytes.</param>
        public static void Write(LockerEvent lockerEvent, byte[] record)
        {
            Array.Clear(record, 0, Size);
            record[0] = (byte)'P';
            record[1] = (byte)'S';
            record[2] = (byte)EventType.Code(lockerEvent.Type);
            byte flags = 0;
            if (lockerEvent.TimeSynchronized)
            {
                flags |= 1;
            }

            if (WriteHash(lockerEvent.Credential, record, CredentialOffset))
            {
                flags |= 2;
            }

            if (WriteHash(lockerEvent.Subject, record, SubjectOffset))
            {
                flags |= 4;
            }
            else if (lockerEvent.ConfigVersion > 0)
            {
                flags |= 8;
                PutUInt32(record, SubjectOffset, (uint)lockerEvent.ConfigVersion);
            }

            record[3] = flags;
            PutUInt32(record, 4, (uint)lockerEvent.Sequence);
            PutUInt32(record, 8, (uint)lockerEvent.Boot);
            long seconds = (lockerEvent.TimestampUtc.Ticks - s_epoch.Ticks) / TimeSpan.TicksPerSecond;
            PutUInt32(record, 12, seconds < 0 ? 0 : (uint)seconds);
            PutUInt32(record, 16, (uint)lockerEvent.UptimeMilliseconds);
            PutUInt32(record, 20, (uint)(lockerEvent.UptimeMilliseconds >> 32));
            record[24] = (byte)lockerEvent.Compartment;
            PutUInt32(record, CrcOffset, Crc32.Compute(record, 0, CrcOffset));
        }

        /// <summary>
        /// Reads a record back into an event.
        /// </summary>
        /// <param name="record">A buffer of <see cref="Size"/> bytes.</param>
        /// <param name="device">The device identifier to put in the event.</param>
        /// <param name="lockerEvent">The event when the record is intact.</param>
        /// <returns>false when the slot is empty, torn or corrupted.</returns>
        public static bool TryRead(byte[] record, string device, out LockerEvent lockerEvent)
        {
            lockerEvent = null;
            if (record[0] != (byte)'P' || record[1] != (byte)'S' || GetUInt32(record, CrcOffset) != Crc32.Compute(record, 0, CrcOffset))
            {
                return false;
            }

            string type = EventType.FromCode(record[2]);
            if (type == null)
            {
                return false;
            }

            byte flags = record[3];
            lockerEvent = new LockerEvent
            {
                Device = device,
                Type = type,
                TimeSynchronized = (flags & 1) != 0,
                Credential = (flags & 2) != 0 ? Hex.Encode(Slice(record, CredentialOffset)) : string.Empty,
                Subject = (flags & 4) != 0 ? Hex.Encode(Slice(record, SubjectOffset)) : string.Empty,
                Sequence = GetUInt32(record, 4),
                Boot = GetUInt32(record, 8),
                TimestampUtc = new DateTime(s_epoch.Ticks + (GetUInt32(record, 12) * TimeSpan.TicksPerSecond), DateTimeKind.Utc),
                UptimeMilliseconds = GetUInt32(record, 16) | ((long)GetUInt32(record, 20) << 32),
                Compartment = record[24],
                ConfigVersion = (flags & 8) != 0 ? GetUInt32(record, SubjectOffset) : 0,
            };
            return true;
        }

        /// <summary>
        /// Reads the sequence number of an intact record.
        /// </summary>
        /// <param name="record">A buffer of <see cref="Size"/> bytes.</param>
        /// <returns>The sequence number, or 0 when the slot is empty, torn or corrupted.</returns>
        public static long SequenceOf(byte[] record)
        {
            if (record[0] != (byte)'P' || record[1] != (byte)'S' || GetUInt32(record, CrcOffset) != Crc32.Compute(record, 0, CrcOffset))
            {
                return 0;
            }

            return GetUInt32(record, 4);
        }

        private static bool WriteHash(string hash, byte[] record, int offset)
        {
            if (hash == null || hash.Length == 0 || !Hex.TryDecode(hash, out byte[] bytes) || bytes.Length != HashBytes)
            {
                return false;
            }

            Array.Copy(bytes, 0, record, offset, HashBytes);
            return true;
        }

        private static byte[] Slice(byte[] record, int offset)
        {
            byte[] bytes = new byte[HashBytes];
            Array.Copy(record, offset, bytes, 0, HashBytes);
            return bytes;
        }

        private static void PutUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
            buffer[offset + 3] = (byte)(value >> 24);
        }

        private static uint GetUInt32(byte[] buffer, int offset)
        {
            return buffer[offset] | ((uint)buffer[offset + 1] << 8) | ((uint)buffer[offset + 2] << 16) | ((uint)buffer[offset + 3] << 24);
        }
    }
}
