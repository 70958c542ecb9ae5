using System.Text;

namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// The firmware image an update carries: the application's assemblies (.pe files), in load order, the last one
    /// holding the entry point (<see cref="EntryType"/>.Main). Layout: "PSF1", the assembly count (1 byte), then per
    /// assembly its name length (1 byte), name (ASCII) and size (4 bytes, big-endian); then the assemblies' bytes in the
    /// same order. The resident loader reads the header and loads each assembly straight from the stored image.
    /// </summary>
    public static class FirmwareImage
    {
        /// <summary>The type whose static Main the loader runs, in the last assembly.</summary>
        public const string EntryType = "PhoneSafe.Firmware.Esp32.Program";

        /// <summary>The most assemblies in an image.</summary>
        public const int MaxAssemblies = 16;

        /// <summary>The largest header: enough to read first, before its length is known.</summary>
        public const int MaxHeaderBytes = 5 + (MaxAssemblies * (1 + 64 + 4));

        private const string Magic = "PSF1";

        /// <summary>
        /// Builds an image.
        /// </summary>
        /// <param name="names">Assembly file names (1 to 64 ASCII characters), in load order.</param>
        /// <param name="assemblies">Their bytes, in the same order.</param>
        /// <returns>The image.</returns>
        public static byte[] Pack(string[] names, byte[][] assemblies)
        {
            int header = 5;
            int total = 0;
            for (int i = 0; i < names.Length; i++)
            {
                header += 1 + names[i].Length + 4;
                total += assemblies[i].Length;
            }

            byte[] image = new byte[header + total];
            byte[] magic = Encoding.UTF8.GetBytes(Magic);
            magic.CopyTo(image, 0);
            image[4] = (byte)names.Length;
            int at = 5;
            int data = header;
            for (int i = 0; i < names.Length; i++)
            {
                byte[] name = Encoding.UTF8.GetBytes(names[i]);
                image[at++] = (byte)name.Length;
                name.CopyTo(image, at);
                at += name.Length;
                int size = assemblies[i].Length;
                image[at++] = (byte)(size >> 24);
                image[at++] = (byte)(size >> 16);
                image[at++] = (byte)(size >> 8);
                image[at++] = (byte)size;
                assemblies[i].CopyTo(image, data);
                data += size;
            }

            return image;
        }

        /// <summary>
        /// Reads an image's header.
        /// </summary>
        /// <param name="head">The image's first bytes (up to <see cref="MaxHeaderBytes"/>).</param>
        /// <param name="headLength">How many bytes of <paramref name="head"/> were read.</param>
        /// <param name="imageLength">The whole image's length, which must equal header plus assemblies.</param>
        /// <param name="names">The assembly names, in load order.</param>
        /// <param name="offsets">Where each assembly starts in the image.</param>
        /// <param name="sizes">Each assembly's size in bytes.</param>
        /// <returns>true when the header is well formed and accounts for the image exactly.</returns>
        public static bool TryReadHeader(byte[] head, int headLength, int imageLength, out string[] names, out int[] offsets, out int[] sizes)
        {
            names = null;
            offsets = null;
            sizes = null;
            if (headLength < 5 || head[0] != (byte)'P' || head[1] != (byte)'S' || head[2] != (byte)'F' || head[3] != (byte)'1'
                || head[4] == 0 || head[4] > MaxAssemblies)
            {
                return false;
            }

            int count = head[4];
            string[] readNames = new string[count];
            int[] readSizes = new int[count];
            int at = 5;
            for (int i = 0; i < count; i++)
            {
                if (at >= headLength || head[at] == 0 || head[at] > 64 || at + 1 + head[at] + 4 > headLength)
                {
                    return false;
                }

                int nameLength = head[at++];
                readNames[i] = Encoding.UTF8.GetString(head, at, nameLength);
                at += nameLength;
                readSizes[i] = (head[at] << 24) | (head[at + 1] << 16) | (head[at + 2] << 8) | head[at + 3];
                at += 4;
                if (readSizes[i] <= 0)
                {
                    return false;
                }
            }

            int[] readOffsets = new int[count];
            long next = at;
            for (int i = 0; i < count; i++)
            {
                readOffsets[i] = (int)next;
                next += readSizes[i];
            }

            if (next != imageLength)
            {
                return false;
            }

            names = readNames;
            offsets = readOffsets;
            sizes = readSizes;
            return true;
        }
    }
}
