using System.Security.Cryptography;
using System.Text;

namespace PhoneSafe.Gateway.Broker;

/// <summary>
/// Mosquitto 2.0's password-file hash, made natively (no mosquitto_passwd): <c>$7$&lt;iterations&gt;$&lt;salt&gt;$&lt;hash&gt;</c>,
/// PBKDF2-HMAC-SHA512 of the UTF-8 password with a 12-byte random salt, 64-byte output, salt and hash in standard
/// base64 — the form <c>mosquitto_passwd</c> 2.0 writes (its default is 101 iterations, which is what this uses too:
/// every PhoneSafe password is 256 random bits, so stretching adds no strength, only CPU at every reconnection).
/// </summary>
public static class MosquittoPasswords
{
    /// <summary>The PBKDF2 iteration count written.</summary>
    public const int Iterations = 101;

    private const int SaltBytes = 12;
    private const int HashBytes = 64;

    /// <summary>
    /// Hashes a password with a new random salt.
    /// </summary>
    /// <param name="password">The password.</param>
    /// <returns>The password-file hash.</returns>
    public static string Hash(string password) => Hash(password, RandomNumberGenerator.GetBytes(SaltBytes), Iterations);

    /// <summary>
    /// Hashes a password with a given salt and iteration count.
    /// </summary>
    /// <param name="password">The password.</param>
    /// <param name="salt">The salt.</param>
    /// <param name="iterations">PBKDF2 iterations.</param>
    /// <returns>The password-file hash.</returns>
    public static string Hash(string password, byte[] salt, int iterations)
    {
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, HashBytes);
        return FormattableString.Invariant($"$7${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>
    /// Tells whether a password-file hash (<c>$7$</c> form) is the hash of a password.
    /// </summary>
    /// <param name="hash">The hash from the file.</param>
    /// <param name="password">The password.</param>
    /// <returns>true when it matches; false for any other form.</returns>
    public static bool Verify(string hash, string password)
    {
        string[] parts = hash.Split('$');
        if (parts.Length != 5 || parts[0].Length != 0 || parts[1] != "7"
            || !int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int iterations)
            || iterations is < 1 or > 10_000_000)
        {
            return false;
        }

        try
        {
            byte[] salt = Convert.FromBase64String(parts[3]);
            byte[] expected = Convert.FromBase64String(parts[4]);
            byte[] actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, expected.Length);
            return expected.Length == HashBytes && CryptographicOperations.FixedTimeEquals(expected, actual);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
