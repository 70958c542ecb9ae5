using System;
using System.Collections;
using System.Text;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Core.Provisioning
{
    /// <summary>
    /// A locker's settings sealed for the trip from the gateway to the locker: the text printed in a QR code, readable only
    /// with the one-time setup code printed beside it.
    /// </summary>
    /// <remarks>
    /// Text form: <c>PSB1.</c> + Base64(salt[16] | ciphertext | tag[32]). The plaintext is a list of entries
    /// [name length: 1 byte][name: ASCII][value length: 2 bytes little-endian][value]. Two keys are derived from the
    /// code and the salt with HMAC-SHA256 (labels "enc" and "mac"); the ciphertext is the plaintext XORed with
    /// HMAC-SHA256(encryption key, block number) blocks, and the tag is HMAC-SHA256(mac key, "PSB1." | salt | ciphertext),
    /// checked before anything is decrypted. A wrong code, a changed character or another bundle's code fail the tag.
    /// </remarks>
    public static class SetupBundle
    {
        /// <summary>The text every bundle starts with.</summary>
        public const string Prefix = "PSB1.";

        /// <summary>Length of the random salt, bytes.</summary>
        public const int SaltBytes = 16;

        /// <summary>Longest bundle text accepted, characters (a QR code holds at most 2,953 bytes).</summary>
        public const int MaxTextLength = 2953;

        private const int TagBytes = Sha256.HashSizeBytes;

        /// <summary>
        /// Seals settings into bundle text.
        /// </summary>
        /// <param name="names">Setting names, ASCII letters and digits, 1 to 24 characters.</param>
        /// <param name="values">The values, same order, at most 65,535 bytes each.</param>
        /// <param name="code">The one-time setup code (see <see cref="SetupCode"/>).</param>
        /// <param name="salt">16 random bytes, new for every bundle.</param>
        /// <returns>The bundle text.</returns>
        public static string Seal(string[] names, byte[][] values, string code, byte[] salt)
        {
            if (names == null || values == null || names.Length != values.Length)
            {
                throw new ArgumentException("One value per name.");
            }

            if (salt == null || salt.Length != SaltBytes)
            {
                throw new ArgumentException("The salt is 16 bytes.", nameof(salt));
            }

            int length = 0;
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i] == null || names[i].Length == 0 || names[i].Length > 24 || values[i] == null || values[i].Length > 0xFFFF)
                {
                    throw new ArgumentException("Names are 1 to 24 characters, values at most 65,535 bytes.");
                }

                length += 3 + names[i].Length + values[i].Length;
            }

            byte[] blob = new byte[SaltBytes + length + TagBytes];
            Array.Copy(salt, blob, SaltBytes);
            int at = SaltBytes;
            for (int i = 0; i < names.Length; i++)
            {
                byte[] name = Encoding.UTF8.GetBytes(names[i]);
                blob[at++] = (byte)name.Length;
                Array.Copy(name, 0, blob, at, name.Length);
                at += name.Length;
                blob[at++] = (byte)values[i].Length;
                blob[at++] = (byte)(values[i].Length >> 8);
                Array.Copy(values[i], 0, blob, at, values[i].Length);
                at += values[i].Length;
            }

            byte[] codeBytes = CodeBytes(code);
            ApplyKeystream(DeriveKey(codeBytes, salt, "enc"), blob, SaltBytes, length);
            byte[] tag = Tag(DeriveKey(codeBytes, salt, "mac"), blob, SaltBytes + length);
            Array.Copy(tag, 0, blob, SaltBytes + length, TagBytes);
            return Prefix + Convert.ToBase64String(blob);
        }

        /// <summary>
        /// Opens bundle text with its setup code.
        /// </summary>
        /// <param name="text">The bundle text (white space around it is ignored).</param>
        /// <param name="code">The setup code as typed (case, spaces and dashes are ignored).</param>
        /// <param name="settings">Name (string) to value (byte[]) when opened.</param>
        /// <param name="error">Why it could not be opened, for the technician.</param>
        /// <returns>true when the code fits and the bundle is intact.</returns>
        public static bool TryOpen(string text, string code, out Hashtable settings, out string error)
        {
            settings = null;
            byte[] blob = Decode(text);
            if (blob == null || blob.Length < SaltBytes + TagBytes)
            {
                error = "This is not a PhoneSafe setup bundle (it must start with " + Prefix + ").";
                return false;
            }

            byte[] codeBytes = CodeBytes(code);
            if (codeBytes.Length == 0)
            {
                error = "Type the setup code printed next to the QR code.";
                return false;
            }

            byte[] salt = new byte[SaltBytes];
            Array.Copy(blob, salt, SaltBytes);
            int length = blob.Length - SaltBytes - TagBytes;
            byte[] tag = new byte[TagBytes];
            Array.Copy(blob, SaltBytes + length, tag, 0, TagBytes);
            if (!HmacSha256.FixedTimeEquals(tag, Tag(DeriveKey(codeBytes, salt, "mac"), blob, SaltBytes + length)))
            {
                error = "The setup code does not match this bundle, or the bundle was changed.";
                return false;
            }

            ApplyKeystream(DeriveKey(codeBytes, salt, "enc"), blob, SaltBytes, length);
            settings = new Hashtable();
            int at = SaltBytes;
            int end = SaltBytes + length;
            while (at < end)
            {
                int nameLength = blob[at++];
                if (nameLength == 0 || at + nameLength + 2 > end)
                {
                    settings = null;
                    error = "The bundle is damaged.";
                    return false;
                }

                string name = Encoding.UTF8.GetString(blob, at, nameLength);
                at += nameLength;
                int valueLength = blob[at] | (blob[at + 1] << 8);
                at += 2;
                if (at + valueLength > end)
                {
                    settings = null;
                    error = "The bundle is damaged.";
                    return false;
                }

                byte[] value = new byte[valueLength];
                Array.Copy(blob, at, value, 0, valueLength);
                at += valueLength;
                settings[name] = value;
            }

            error = null;
            return true;
        }

        private static byte[] Decode(string text)
        {
            if (text == null)
            {
                return null;
            }

            text = text.Trim();
            if (text.Length > MaxTextLength || !text.StartsWith(Prefix) || (text.Length - Prefix.Length) % 4 != 0)
            {
                return null;
            }

            try
            {
                return Convert.FromBase64String(text.Substring(Prefix.Length));
            }
            catch (FormatException)
            {
                return null;
            }
        }

        private static byte[] CodeBytes(string code)
        {
            return Encoding.UTF8.GetBytes(SetupCode.Normalize(code));
        }

        private static byte[] DeriveKey(byte[] code, byte[] salt, string label)
        {
            byte[] labelBytes = Encoding.UTF8.GetBytes(label);
            byte[] input = new byte[salt.Length + labelBytes.Length];
            Array.Copy(salt, input, salt.Length);
            Array.Copy(labelBytes, 0, input, salt.Length, labelBytes.Length);
            return HmacSha256.Compute(code, input);
        }

        private static byte[] Tag(byte[] key, byte[] blob, int count)
        {
            byte[] prefix = Encoding.UTF8.GetBytes(Prefix);
            byte[] input = new byte[prefix.Length + count];
            Array.Copy(prefix, input, prefix.Length);
            Array.Copy(blob, 0, input, prefix.Length, count);
            return HmacSha256.Compute(key, input);
        }

        private static void ApplyKeystream(byte[] key, byte[] data, int offset, int count)
        {
            byte[] counter = new byte[4];
            for (int block = 0; block * TagBytes < count; block++)
            {
                counter[0] = (byte)(block >> 24);
                counter[1] = (byte)(block >> 16);
                counter[2] = (byte)(block >> 8);
                counter[3] = (byte)block;
                byte[] stream = HmacSha256.Compute(key, counter);
                for (int i = 0; i < TagBytes && block * TagBytes + i < count; i++)
                {
                    data[offset + block * TagBytes + i] ^= stream[i];
                }
            }
        }
    }
}
