/* schema_blob.S — schemas/gkreport.xsd embedded as a NUL-terminated string. */
    .section .rodata
    .global gk_schema_xsd
    .hidden gk_schema_xsd
    .type gk_schema_xsd, @object
gk_schema_xsd:
    .incbin SCHEMA_PATH
    .byte 0
    .size gk_schema_xsd, . - gk_schema_xsd
    .section .note.GNU-stack,"",@progbits
