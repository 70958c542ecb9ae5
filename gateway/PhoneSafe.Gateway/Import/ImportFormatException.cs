namespace PhoneSafe.Gateway.Import;

/// <summary>
/// The file cannot be imported at all (no header, a required column missing, nothing valid in a full import).
/// Nothing was changed.
/// </summary>
public sealed class ImportFormatException : FormatException
{
    /// <summary>Initializes a new instance of the <see cref="ImportFormatException"/> class.</summary>
    public ImportFormatException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ImportFormatException"/> class.</summary>
    /// <param name="message">What is wrong.</param>
    public ImportFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ImportFormatException"/> class.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ImportFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
