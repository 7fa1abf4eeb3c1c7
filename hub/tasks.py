from django_tasks import task

from .models import MemberDocument
from .services import document_extract_text


@task()
def extract_document_text(document_id: int) -> None:
    document = MemberDocument.objects.filter(pk=document_id).first()
    if document is not None:
        document_extract_text(document=document)
