using System.Text;

namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// Writes one JSON object with properties in the order they are added, without whitespace.
    /// </summary>
    public sealed class JsonBuilder
    {
        private readonly StringBuilder _text = new StringBuilder();
        private bool _first = true;

        /// <summary>
        /// Initializes a new instance of the <see cref="JsonBuilder"/> class with an open object.
        /// </summary>
        public JsonBuilder()
        {
            _text.Append('{');
        }

        /// <summary>
        /// Adds a string property.
        /// </summary>
        /// <param name="name">Property name (plain ASCII, no escaping needed).</param>
        /// <param name="value">The value; null is written as an empty string.</param>
        /// <returns>This builder.</returns>
        public JsonBuilder Add(string name, string value)
        {
            Name(name);
            AppendString(_text, value == null ? string.Empty : value);
            return this;
        }

        /// <summary>
        /// Adds an integer property.
        /// </summary>
        /// <param name="name">Property name.</param>
        /// <param name="value">The value.</param>
        /// <returns>This builder.</returns>
        public JsonBuilder Add(string name, long value)
        {
            Name(name);
            _text.Append(value.ToString());
            return this;
        }

        /// <summary>
        /// Adds a boolean property.
        /// </summary>
        /// <param name="name">Property name.</param>
        /// <param name="value">The value.</param>
        /// <returns>This builder.</returns>
        public JsonBuilder Add(string name, bool value)
        {
            Name(name);
            _text.Append(value ? "true" : "false");
            return this;
        }

        /// <summary>
        /// Adds a property whose value is already-formed JSON (an array or object built elsewhere).
        /// </summary>
        /// <param name="name">Property name.</param>
        /// <param name="json">The JSON text of the value.</param>
        /// <returns>This builder.</returns>
        public JsonBuilder AddRaw(string name, string json)
        {
            Name(name);
            _text.Append(json);
            return this;
        }

        /// <summary>
        /// Closes the object and returns its text.
        /// </summary>
        /// <returns>The JSON text.</returns>
        public override string ToString()
        {
            return _text.ToString() + "}";
        }

        /// <summary>
        /// Appends a JSON string literal, escaping quotes, backslashes and control characters.
        /// </summary>
        /// <param name="target">Where to write.</param>
        /// <param name="value">The string.</param>
        public static void AppendString(StringBuilder target, string value)
        {
            target.Append('"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '"' || c == '\\')
                {
                    target.Append('\\');
                    target.Append(c);
                }
                else if (c < ' ')
                {
                    target.Append("\\u00");
                    target.Append(Hex.Encode(new byte[] { (byte)c }));
                }
                else
                {
                    target.Append(c);
                }
            }

            target.Append('"');
        }

        private void Name(string name)
        {
            if (!_first)
            {
                _text.Append(',');
            }

            _first = false;
            _text.Append('"');
            _text.Append(name);
            _text.Append("\":");
        }
    }
}
