namespace PhoneSafe.Gateway.Import;

/// <summary>
/// The file is not CSV that can be read at all (for example a quote that is never closed).
/// </summary>
public sealed class CsvFormatException : FormatException
{
    /// <summary>Initializes a new instance of the <see cref="CsvFormatException"/> class.</summary>
    public CsvFormatException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CsvFormatException"/> class.</summary>
    /// <param name="message">What is wrong, with the line number.</param>
    public CsvFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CsvFormatException"/> class.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CsvFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
