/**
 * The project's own JAXB model of the e-invoice IS (ESF) invoice container, written from the IS developer kit's
 * {@code InvoiceContainer.xsd}, {@code InvoiceV1.xsd} (the abstract invoice) and {@code InvoiceV2.xsd}.
 *
 * <p>Every leaf is kept as the text the document carries (decimals, dates in {@code dd.MM.yyyy}, booleans and
 * enumerations included): turning text into values is the {@code InvoiceValidator}'s job, so that a bad value is
 * reported with its element path instead of silently becoming {@code null} inside JAXB. Children are unqualified,
 * as in the schemas; properties are declared in schema order. Elements the model does not know are skipped.
 */
@XmlSchema(elementFormDefault = XmlNsForm.UNQUALIFIED)
@XmlAccessorType(XmlAccessType.FIELD)
package kz.digitaltenge.routes.einvoice.esf;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
