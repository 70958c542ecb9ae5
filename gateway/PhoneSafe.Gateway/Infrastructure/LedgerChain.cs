using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// The ledger's hash chain: each event row's hash is SHA-256 of the previous row's hash (of the same school)
/// followed by the row's canonical serialisation, so changing, removing or reordering a stored event breaks every
/// later link.
/// </summary>
public static class LedgerChain
{
    /// <summary>The "previous hash" of a school's first row: 32 zero bytes, as lower-case hex.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>
    /// Computes a row's chain hash.
    /// </summary>
    /// <param name="previousHash">The previous row's chain hash (or <see cref="Genesis"/>, or a checkpoint's hash), lower-case hex.</param>
    /// <param name="row">The row.</param>
    /// <returns>The row's chain hash, lower-case hex (64 characters).</returns>
    public static string Next(string previousHash, LedgerRow row)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Convert.FromHexString(previousHash));
        Span<byte> length = stackalloc byte[4];
        foreach (string field in Fields(row))
        {
            // Canonical form: each field as UTF-8 with a 4-byte big-endian length prefix, in a fixed order.
            byte[] bytes = Encoding.UTF8.GetBytes(field);
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string[] Fields(LedgerRow row) =>
    [
        "phonesafe-ledger-v1",
        Number(row.ChainIndex),
        row.School,
        row.Locker,
        Number(row.Boot),
        Number(row.Sequence),
        row.Type,
        Number(row.Compartment),
        row.Credential,
        row.Subject,
        row.DeviceUtc,
        Number(row.TimeSynchronized),
        Number(row.UptimeMilliseconds),
        row.ReceivedUtc,
        row.Payload,
    ];

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
