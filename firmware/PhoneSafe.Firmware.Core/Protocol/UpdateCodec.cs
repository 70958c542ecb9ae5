using System;
using System.Collections;

namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// Encodes and decodes the messages of a locker's update topic (docs/protocol.md, "Update"): the signed manifest,
    /// the image in signed chunks, and the confirmation. All are one message kind, told apart by "do".
    /// </summary>
    public static class UpdateCodec
    {
        /// <summary>"do" of a manifest.</summary>
        public const string Manifest = "manifest";

        /// <summary>"do" of a chunk.</summary>
        public const string Chunk = "chunk";

        /// <summary>"do" of a confirmation: the new firmware reached the gateway, keep it.</summary>
        public const string Confirm = "confirm";

        /// <summary>Image bytes per chunk (the last chunk may be shorter).</summary>
        public const int ChunkBytes = 2048;

        /// <summary>The largest image accepted, in bytes.</summary>
        public const int MaxImageBytes = 524288;

        /// <summary>The largest update message accepted, in bytes (a chunk: 2,048 bytes as Base64 plus the envelope).</summary>
        public const int MaxBytes = 4096;

        /// <summary>
        /// Tells whether a firmware version is 1 to 32 characters of a-z, 0-9, '.' and '-'.
        /// </summary>
        /// <param name="version">The version.</param>
        /// <returns>true when valid.</returns>
        public static bool IsValidVersion(string version)
        {
            if (version == null || version.Length == 0 || version.Length > Identifiers.MaxLength)
            {
                return false;
            }

            for (int i = 0; i < version.Length; i++)
            {
                char c = version[i];
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Gives the number of chunks an image of this size is sent in.
        /// </summary>
        /// <param name="sizeBytes">Image size in bytes.</param>
        /// <returns>The chunk count.</returns>
        public static int ChunkCount(int sizeBytes)
        {
            return (sizeBytes + ChunkBytes - 1) / ChunkBytes;
        }

        /// <summary>
        /// Writes a signed manifest.
        /// </summary>
        /// <param name="device">The locker it is for.</param>
        /// <param name="manifest">The manifest.</param>
        /// <param name="key">The device key.</param>
        /// <returns>UTF-8 JSON bytes.</returns>
        public static byte[] EncodeManifest(string device, UpdateManifest manifest, byte[] key)
        {
            string json = Start(device, Manifest, manifest.Version)
                .Add("size", manifest.SizeBytes)
                .Add("chunks", manifest.Chunks)
                .Add("sha", manifest.Sha256)
                .ToString();
            return SignedMessage.Sign(json, key);
        }

        /// <summary>
        /// Writes a signed chunk.
        /// </summary>
        /// <param name="device">The locker it is for.</param>
        /// <param name="version">The firmware version the chunk belongs to.</param>
        /// <param name="index">Chunk number, from 0.</param>
        /// <param name="image">The whole image.</param>
        /// <param name="key">The device key.</param>
        /// <returns>UTF-8 JSON bytes.</returns>
        public static byte[] EncodeChunk(string device, string version, int index, byte[] image, byte[] key)
        {
            int offset = index * ChunkBytes;
            int count = image.Length - offset < ChunkBytes ? image.Length - offset : ChunkBytes;
            string json = Start(device, Chunk, version)
                .Add("n", index)
                .Add("data", Convert.ToBase64String(image, offset, count))
                .ToString();
            return SignedMessage.Sign(json, key);
        }

        /// <summary>
        /// Writes a signed confirmation.
        /// </summary>
        /// <param name="device">The locker it is for.</param>
        /// <param name="version">The firmware version the locker reported running.</param>
        /// <param name="key">The device key.</param>
        /// <returns>UTF-8 JSON bytes.</returns>
        public static byte[] EncodeConfirm(string device, string version, byte[] key)
        {
            return SignedMessage.Sign(Start(device, Confirm, version).ToString(), key);
        }

        /// <summary>
        /// Reads and verifies an update message.
        /// </summary>
        /// <param name="payload">The received bytes.</param>
        /// <param name="device">This device's identifier.</param>
        /// <param name="key">The device key.</param>
        /// <param name="message">The message when valid.</param>
        /// <param name="reason">A <see cref="RejectReason"/> value when refused, otherwise null.</param>
        /// <returns>true when authentic and well formed.</returns>
        public static bool TryDecode(byte[] payload, string device, byte[] key, out UpdateMessage message, out string reason)
        {
            message = null;
            if (!SignedMessage.TryOpen(payload, MaxBytes, MessageKind.Update, device, key, out Hashtable f, out reason))
            {
                return false;
            }

            reason = RejectReason.BadField;
            if (!Fields.TryGetString(f, "do", out string action) || !Fields.TryGetString(f, "fw", out string version) || !IsValidVersion(version))
            {
                return false;
            }

            message = new UpdateMessage { Action = action, Version = version };
            if (action == Manifest)
            {
                if (!Fields.TryGetLong(f, "size", 1, MaxImageBytes, out long size)
                    || !Fields.TryGetLong(f, "chunks", 1, ChunkCount(MaxImageBytes), out long chunks) || chunks != ChunkCount((int)size)
                    || !Fields.TryGetString(f, "sha", out string sha) || sha.Length != 64 || !Hex.TryDecode(sha, out _))
                {
                    message = null;
                    return false;
                }

                message.Manifest = new UpdateManifest { Version = version, SizeBytes = (int)size, Chunks = (int)chunks, Sha256 = sha };
            }
            else if (action == Chunk)
            {
                if (!Fields.TryGetLong(f, "n", 0, ChunkCount(MaxImageBytes) - 1, out long index) || !Fields.TryGetString(f, "data", out string data))
                {
                    message = null;
                    return false;
                }

                message.Index = (int)index;
                message.Data = DecodeBase64(data);
                if (message.Data == null || message.Data.Length == 0 || message.Data.Length > ChunkBytes)
                {
                    message = null;
                    return false;
                }
            }
            else if (action != Confirm)
            {
                message = null;
                return false;
            }

            reason = null;
            return true;
        }

        private static JsonBuilder Start(string device, string action, string version)
        {
            return new JsonBuilder()
                .Add("v", ProtocolVersion.Current)
                .Add("m", MessageKind.Update)
                .Add("dev", device)
                .Add("do", action)
                .Add("fw", version);
        }

        private static byte[] DecodeBase64(string text)
        {
            try
            {
                return Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
