package dev.fahr.notebook;

/** The types a notebook parameter may have, so the runner can check and type an override. */
public enum ParameterType {
    INT("int", "int"),
    LONG("long", "int"),
    DOUBLE("double", "float"),
    BOOLEAN("boolean", "bool"),
    STRING("String", "str");

    private final String javaName;
    private final String pythonName;

    ParameterType(String javaName, String pythonName) {
        this.javaName = javaName;
        this.pythonName = pythonName;
    }

    public String javaName() {
        return javaName;
    }

    public String pythonName() {
        return pythonName;
    }
}
