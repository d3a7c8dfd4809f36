package io.chronosguard.migration.legacy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * A parser that reads numbers whose exponent no BigDecimal holds ({@code 1e9999999999}) as
 * the double Python would have made of them (infinity or zero) instead of failing: such a
 * value is valid JSON, so it must cost a warning on its field, not the whole file.
 */
final class ExtremeNumbers extends JsonParserDelegate {
    ExtremeNumbers(JsonParser d) {
        super(d);
    }

    /** Jackson's tree reader asks this before it asks for a BigDecimal. */
    @Override
    public boolean isNaN() throws IOException {
        return super.isNaN() || beyondBigDecimal();
    }

    @Override
    public double getDoubleValue() throws IOException {
        return beyondBigDecimal() ? Double.parseDouble(getText()) : super.getDoubleValue();
    }

    private boolean beyondBigDecimal() throws IOException {
        if (currentToken() != JsonToken.VALUE_NUMBER_FLOAT) {
            return false;
        }
        String text = getText();
        if (text.indexOf('e') < 0 && text.indexOf('E') < 0) {
            return false;
        }
        try {
            new BigDecimal(text);
            return false;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
